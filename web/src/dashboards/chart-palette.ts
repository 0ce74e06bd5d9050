/** Series colours, distinguishable side by side and on white (the app's accent first). */
export const PALETTE = [
  "#2f5bd3",
  "#d9822b",
  "#2e9e6a",
  "#b83280",
  "#6b4fbb",
  "#0f8b9c",
  "#8a5a00",
  "#5f6b7a",
];

export const colourOf = (index: number): string => PALETTE[index % PALETTE.length];
