/**
 * What the programme costs in one cycle, from the perspective chosen: resource costing
 * (staffing, management, set-up in the first cycle) or the grant's share, while the programme
 * runs, and nothing after it.
 *
 * @module
 */

/** The programme's yearly resource cost, set-up, grant and how it is costed. */
export interface ProgrammeCostInputs {
  /** Staffing and management of every school for one year (£). */
  readonly resourcePerYear: number;
  /** Set-up of every school, spent in the first cycle (£). */
  readonly setup: number;
  /** External grant for the whole programme (£), spread evenly over its years. */
  readonly grantTotal: number;
  /** Years the programme runs. */
  readonly programmeYears: number;
  /** `resource` or `grant`. */
  readonly costing: string;
  /** `public_sector` or `local_authority` (net of the grant). */
  readonly perspective: string;
}

/**
 * The programme cost of cycle t (1-based; the cycle ((t − 1)·L, t·L] in years): zero once the
 * programme has ended (t·L > programme years). Public sector: the resource cost of the cycle
 * (yearly cost × L, plus set-up in cycle 1), or under grant costing the grant's share
 * (grant ÷ programme years × L). Local authority: the public-sector cost net of the grant's
 * share (negative if the grant exceeds the cost).
 *
 * @example
 * ```ts
 * programmeCostInCycle({ resourcePerYear: 69353, setup: 0, grantTotal: 0, programmeYears: 2,
 *   costing: "resource", perspective: "public_sector" }, 1, 0.25); // 17338.25
 * ```
 */
export function programmeCostInCycle(
  c: ProgrammeCostInputs,
  t: number,
  cycleYears: number,
): number {
  if (t * cycleYears > c.programmeYears + 1e-9) return 0;
  const grantShare = (c.grantTotal / c.programmeYears) * cycleYears;
  const resource = c.resourcePerYear * cycleYears + (t === 1 ? c.setup : 0);
  const publicCost = c.costing === "grant" ? grantShare : resource;
  return c.perspective === "local_authority" ? publicCost - grantShare : publicCost;
}

/**
 * The yearly staffing cost of one school, as in the SWIS model: per FTE,
 * salary × (1 + on-costs) × (1 + overheads) + travel and capital; times the FTE and
 * (1 + supervision ratio × senior cost multiplier). Positional, for the loop over samples.
 *
 * @example
 * ```ts
 * staffCostPerSchoolYear(1, 37000, 0.28, 0.25, 3000, 0.1, 1.15); // 69353
 * ```
 */
export function staffCostPerSchoolYear(
  fte: number,
  salary: number,
  oncost: number,
  overhead: number,
  travel: number,
  supervision: number,
  senior: number,
): number {
  return fte * (salary * (1 + oncost) * (1 + overhead) + travel) * (1 + supervision * senior);
}
