/** ScheduleLambdaFunction decisions. */
import { countOpenLambdas, findLambda, recordLambdaScheduled, startLambda } from '../lambdas.js';
import { type DecisionRun, failDecision } from './context.js';

/** The Lambda ids each decision task's answer scheduled so far. */
const scheduledBy = new WeakMap<DecisionRun, Set<string>>();

/**
 * ScheduleLambdaFunction: LambdaFunctionScheduled, and after the task's decision events its start
 * (LambdaFunctionStarted and the invocation, or StartLambdaFunctionFailed; see `lambdas.ts`), or
 * ScheduleLambdaFunctionFailed: `ID_ALREADY_IN_USE` (an open Lambda task of the run has the id),
 * `OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED` (the run's open tasks are at the limit).
 */
export function scheduleLambdaDecision(
  run: DecisionRun,
  a: { id?: string; name?: string; input?: string; control?: string; startToCloseTimeout?: string },
): void {
  const { ctx, exec } = run;
  const id = a.id ?? '';
  const name = a.name ?? '';
  const fail = (cause: string): void => failDecision(run, 'ScheduleLambdaFunctionFailed', { id, name, cause });
  // Tasks of this answer start after its decision events: count them with the stored ones.
  let ids = scheduledBy.get(run);
  if (!ids) scheduledBy.set(run, (ids = new Set()));
  if (ids.has(id) || findLambda(ctx, exec.run_id, id)) return fail('ID_ALREADY_IN_USE');
  if (countOpenLambdas(ctx, exec.run_id) + ids.size >= ctx.config.maxOpenPerExecution)
    return fail('OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED');
  ids.add(id);
  const spec = { id, name, input: a.input, control: a.control, startToCloseTimeout: a.startToCloseTimeout };
  const scheduledId = recordLambdaScheduled(ctx, exec, spec, run.completedId);
  run.followUps.push(() => startLambda(ctx, exec, scheduledId, spec));
}
