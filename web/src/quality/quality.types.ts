/** Shapes of /api/quality (src/api/routes/quality.openapi.ts). */
export interface QualityReason {
  field: string;
  code: string;
  message: string;
  penalty: number;
}

export interface ObjectQuality {
  object: string;
  label: string;
  records: number;
  score: number | null;
  buckets: Array<{ label: string; min: number; max: number; count: number }>;
  reasons: Array<{ code: string; field: string; count: number; penalty: number }>;
}

export interface ScoredRecord {
  id: string;
  title: string;
  fields: Record<string, unknown>;
  score: number;
  reasons: QualityReason[];
}

export interface ScoredPage {
  data: ScoredRecord[];
  next_cursor: string | null;
}
