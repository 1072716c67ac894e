/** A buffer a worker thread can share (SharedArrayBuffer) or a plain one when training runs on one thread. */
export function allocate(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}
