/**
 * Activities do the real work: I/O, calls to other services. Each method is an activity type;
 * the class options apply to every method, a method's own options override them.
 */
import { Activities, Activity, activityContext } from '@swf-flow/activity';

@Activities({ version: '1.0', taskList: 'greetings', startToCloseTimeout: '1 minute' })
export class GreetingActivities {
  /** Activity type `ComposeGreeting` 1.0. */
  @Activity({ name: 'ComposeGreeting' })
  async composeGreeting(name: string): Promise<string> {
    const { info } = activityContext();
    if (name.trim() === '') throw new Error(`activity ${info.activityId}: a greeting needs a name`);
    return `Hello, ${name}!`;
  }
}
