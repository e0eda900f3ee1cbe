/** The activity of the hello-echo example: `Echo` 1.0 on task list `default`. */
import { Activities, Activity } from '@swf-flow/activity';

/** One activity, `Echo`, that greets its input. */
@Activities({
  version: '1.0',
  taskList: 'default',
  scheduleToStartTimeout: '5 minutes',
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '6 minutes',
  heartbeatTimeout: 'NONE',
})
export class EchoActivities {
  /** Returns `Hello, ${input}`. */
  @Activity({ name: 'Echo' })
  async echo(input: string): Promise<string> {
    return `Hello, ${input}`;
  }
}
