import onnxProto from "onnx-proto";

export const { onnx } = onnxProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

const { AttributeType } = onnx.AttributeProto;
const { DataType } = onnx.TensorProto;
const utf8 = new TextEncoder();

export const attribute = {
  int: (name: string, i: number): AttributeProto => ({ name, type: AttributeType.INT, i }),
  float: (name: string, f: number): AttributeProto => ({ name, type: AttributeType.FLOAT, f }),
  ints: (name: string, ints: number[]): AttributeProto => ({ name, type: AttributeType.INTS, ints }),
  /** Floats are stored as float32 in the protobuf. */
  floats: (name: string, floats: number[]): AttributeProto => ({ name, type: AttributeType.FLOATS, floats }),
  string: (name: string, s: string): AttributeProto => ({ name, type: AttributeType.STRING, s: utf8.encode(s) }),
  strings: (name: string, strings: string[]): AttributeProto => ({ name, type: AttributeType.STRINGS, strings: strings.map((s) => utf8.encode(s)) }),
  tensor: (name: string, t: TensorProto): AttributeProto => ({ name, type: AttributeType.TENSOR, t }),
};

/** Little-endian raw bytes, the compact encoding for large constant tensors. */
export function tensor(name: string, values: Float64Array | BigInt64Array, dims: number[]): TensorProto {
  const rawData = new Uint8Array(values.byteLength);
  const view = new DataView(rawData.buffer);
  values.forEach((v: number | bigint, i: number) => {
    if (typeof v === "bigint") view.setBigInt64(i * 8, v, true);
    else view.setFloat64(i * 8, v, true);
  });
  return { name, dims, dataType: values instanceof Float64Array ? DataType.DOUBLE : DataType.INT64, rawData };
}

export function int64Tensor(name: string, values: readonly number[], dims: number[] = [values.length]): TensorProto {
  return tensor(name, BigInt64Array.from(values, (v) => BigInt(v)), dims);
}

export function node(opType: string, inputs: string[], outputs: string[], attributes: AttributeProto[] = [], domain = ""): NodeProto {
  return { opType, input: inputs, output: outputs, attribute: attributes, domain, name: outputs[0] };
}

/** A float32 tensor value with symbolic or fixed dimensions. */
export function floatValueInfo(name: string, dims: Array<string | number>): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

export function encodeModel(graph: onnxProto.onnx.IGraphProto, opsets: Array<{ domain: string; version: number }>, docString: string): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: "foresight-gbdt",
    docString,
    opsetImport: opsets,
    graph,
  }).finish();
}
