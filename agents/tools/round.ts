/** Tool results carry rounded figures so the answer quotes exactly what the tool returned. */
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
export const roundOrNull = (x: number | null, digits = 2) => (x === null ? null : round(x, digits));
