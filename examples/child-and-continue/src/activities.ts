/** The activities of the child-and-continue example: add up a batch, and process one page. */
import { Activities, Activity } from '@swf-flow/activity';

/** `SumBatch` and `ProcessPage` 1.0 on task list `child-and-continue`. */
@Activities({
  version: '1.0',
  taskList: 'child-and-continue',
  scheduleToStartTimeout: '1 minute',
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2 minutes',
  heartbeatTimeout: 'NONE',
})
export class BatchActivities {
  /** The sum of the numbers. */
  @Activity({ name: 'SumBatch' })
  async sumBatch(numbers: number[]): Promise<number> {
    return numbers.reduce((a, b) => a + b, 0);
  }

  /** Processes page `page` and returns how many items it had (stand-in: `page % 10 + 1`). */
  @Activity({ name: 'ProcessPage' })
  async processPage(page: number): Promise<number> {
    return (page % 10) + 1;
  }
}
