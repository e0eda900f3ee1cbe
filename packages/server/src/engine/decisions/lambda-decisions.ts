/** ScheduleLambdaFunction decisions. */
import { countOpenLambdas, findLambda, scheduleLambda } from '../lambdas.js';
import { type DecisionRun, failDecision } from './context.js';

/**
 * ScheduleLambdaFunction: LambdaFunctionScheduled and the invocation (see `lambdas.ts`), or
 * ScheduleLambdaFunctionFailed: `ID_ALREADY_IN_USE` (an open Lambda task of the run has the id),
 * `OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED` (the run's open tasks are at the limit).
 */
export function scheduleLambdaDecision(run: DecisionRun, a: { id?: string; name?: string; input?: string; control?: string; startToCloseTimeout?: string }): void {
  const { ctx, exec } = run;
  const id = a.id ?? '';
  const name = a.name ?? '';
  const fail = (cause: string): void => failDecision(run, 'ScheduleLambdaFunctionFailed', { id, name, cause });
  if (findLambda(ctx, exec.run_id, id)) return fail('ID_ALREADY_IN_USE');
  if (countOpenLambdas(ctx, exec.run_id) >= ctx.config.maxOpenPerExecution) return fail('OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED');
  scheduleLambda(ctx, exec, { id, name, input: a.input, control: a.control, startToCloseTimeout: a.startToCloseTimeout }, run.completedId);
}
