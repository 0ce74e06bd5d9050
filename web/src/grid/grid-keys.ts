export interface Position {
  row: number;
  col: number;
}

export interface KeyContext extends Position {
  /** Ctrl or Cmd held: jump to the edge. */
  mod: boolean;
  rows: number;
  cols: number;
  /** Rows in one screenful, for Page Up / Page Down. */
  page: number;
}

/**
 * Where a navigation key moves the active cell (WAI-ARIA grid keys): arrows by one cell,
 * Ctrl+arrows to the edge, Page Up/Down by a screenful, Home/End to the row's ends, Ctrl+Home/End
 * to the first/last cell. Null for keys that do not navigate. Never leaves the grid.
 */
export function navigate(key: string, k: KeyContext): Position | null {
  const clamp = (row: number, col: number): Position => ({
    row: Math.max(0, Math.min(k.rows - 1, row)),
    col: Math.max(0, Math.min(k.cols - 1, col)),
  });
  switch (key) {
    case "ArrowDown":
      return clamp(k.mod ? k.rows - 1 : k.row + 1, k.col);
    case "ArrowUp":
      return clamp(k.mod ? 0 : k.row - 1, k.col);
    case "ArrowRight":
      return clamp(k.row, k.mod ? k.cols - 1 : k.col + 1);
    case "ArrowLeft":
      return clamp(k.row, k.mod ? 0 : k.col - 1);
    case "PageDown":
      return clamp(k.row + k.page, k.col);
    case "PageUp":
      return clamp(k.row - k.page, k.col);
    case "Home":
      return clamp(k.mod ? 0 : k.row, 0);
    case "End":
      return clamp(k.mod ? k.rows - 1 : k.row, k.cols - 1);
    default:
      return null;
  }
}
