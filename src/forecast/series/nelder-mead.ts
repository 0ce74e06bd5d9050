/**
 * Nelder–Mead simplex minimisation (standard coefficients 1, 2, 0.5, 0.5). Used for the two or
 * three smoothing parameters of the exponential-smoothing and theta models, where gradients
 * are not available. Written allocation-light: it runs for every series in a batch.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: { step?: number; maxEvaluations?: number; tolerance?: number } = {},
): { x: number[]; value: number } {
  const { step = 0.5, maxEvaluations = 200, tolerance = 1e-8 } = options;
  const dim = start.length;
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < dim; i++) {
    const vertex = start.slice();
    vertex[i] += step;
    simplex.push(vertex);
  }
  const values = simplex.map(f);
  let evaluations = simplex.length;
  const centroid = new Array<number>(dim);
  const reflected = new Array<number>(dim);
  const trial = new Array<number>(dim);
  const toward = (target: number[], worst: number[], coefficient: number) => {
    for (let j = 0; j < dim; j++) target[j] = centroid[j] + coefficient * (worst[j] - centroid[j]);
    return target;
  };
  const replaceWorst = (point: number[], value: number) => {
    const worst = simplex[dim];
    for (let j = 0; j < dim; j++) worst[j] = point[j];
    values[dim] = value;
  };

  while (evaluations < maxEvaluations) {
    // Insertion sort keeps simplex[0] best and simplex[dim] worst.
    for (let i = 1; i <= dim; i++) {
      for (let k = i; k > 0 && values[k] < values[k - 1]; k--) {
        [values[k], values[k - 1]] = [values[k - 1], values[k]];
        [simplex[k], simplex[k - 1]] = [simplex[k - 1], simplex[k]];
      }
    }
    if (Math.abs(values[dim] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;

    centroid.fill(0);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) centroid[j] += simplex[i][j] / dim;
    const worst = simplex[dim];
    const reflectedValue = f(toward(reflected, worst, -1));
    evaluations++;
    if (reflectedValue < values[0]) {
      const expandedValue = f(toward(trial, worst, -2));
      evaluations++;
      if (expandedValue < reflectedValue) replaceWorst(trial, expandedValue);
      else replaceWorst(reflected, reflectedValue);
    } else if (reflectedValue < values[dim - 1]) {
      replaceWorst(reflected, reflectedValue);
    } else {
      const contractedValue = f(toward(trial, worst, reflectedValue < values[dim] ? -0.5 : 0.5));
      evaluations++;
      if (contractedValue < Math.min(reflectedValue, values[dim])) {
        replaceWorst(trial, contractedValue);
      } else {
        for (let i = 1; i <= dim; i++) {
          for (let j = 0; j < dim; j++) simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
          values[i] = f(simplex[i]);
          evaluations++;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= dim; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best].slice(), value: values[best] };
}
