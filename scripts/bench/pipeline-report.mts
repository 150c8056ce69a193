// The report of `npm run bench:pipeline`: per shape, each round's events/s and ratios, then the
// medians, checked against BENCH_PIPELINE_MIN_RATIO.
import type { Shape } from './pipeline-shapes.mts';
import { fixed, printTable } from './report.mts';
import { median } from './summary.mts';

export interface PipelineRound {
  bareBroker: number;
  barePipeline: number;
  pipeline: number;
  /** The previous build's worker, in a paired run. */
  previous: number | undefined;
}

export interface ShapeResult {
  shape: Shape;
  rounds: PipelineRound[];
}

/** Prints the report; false when a shape's median ratio is below `minRatio`. */
export function printPipelineReport(
  results: ShapeResult[],
  batches: number[],
  minRatio: number | undefined,
): boolean {
  let passed = true;
  for (const { shape, rounds } of results) {
    console.log(`\n${shape.name}: ${shape.description}`);
    printTable(
      [
        'round',
        'bare broker/s',
        'bare pipeline/s',
        'pipeline/s',
        'previous/s',
        '÷ bare pipeline',
        '÷ bare broker',
        '÷ previous',
      ],
      rounds.map((round, index) => [
        String(index + 1),
        round.bareBroker.toFixed(0),
        round.barePipeline.toFixed(0),
        round.pipeline.toFixed(0),
        round.previous === undefined ? '-' : round.previous.toFixed(0),
        fixed(round.pipeline / round.barePipeline, 2),
        fixed(round.pipeline / round.bareBroker, 2),
        round.previous === undefined ? '-' : fixed(round.pipeline / round.previous, 2),
      ]),
    );
    const ratio = median(rounds.map((round) => round.pipeline / round.barePipeline));
    const verdict =
      minRatio === undefined ? '' : ratio >= minRatio ? ' (ok)' : ` (BELOW ${minRatio})`;
    console.log(
      `pipeline ÷ bare pipeline, median of ${rounds.length}: ${ratio.toFixed(2)}${verdict}`,
    );
    console.log(
      `pipeline ÷ bare broker, median: ${median(rounds.map((r) => r.pipeline / r.bareBroker)).toFixed(2)}`,
    );
    const paired = rounds.filter((round) => round.previous !== undefined);
    if (paired.length > 0) {
      console.log(
        `pipeline ÷ previous build, median: ${median(paired.map((r) => r.pipeline / r.previous!)).toFixed(2)}`,
      );
    }
    if (minRatio !== undefined && ratio < minRatio) passed = false;
  }
  if (batches.length > 0) {
    console.log(
      `\nworker batches: ${batches.length}, median ${median(batches)} visits, largest ${Math.max(...batches)}`,
    );
  }
  return passed;
}
