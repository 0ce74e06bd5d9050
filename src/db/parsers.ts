// The same JavaScript values from both engines: bigint money and counts as numbers (minor
// units stay far below 2^53), numeric as numbers, dates as 'YYYY-MM-DD' strings (never a
// Date shifted by the server's time zone), timestamps as Date.
export const INT8 = 20;
export const NUMERIC = 1700;
export const DATE = 1082;

export const toNumber = (value: string): number => Number(value);
export const keepString = (value: string): string => value;
