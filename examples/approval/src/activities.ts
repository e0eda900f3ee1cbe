/** The activities of the approval example: ask for an approval, and remind the approver. */
import { Activities, Activity } from '@swf-flow/activity';

/** An expense waiting for approval. */
export interface ExpenseRequest {
  id: string;
  amount: number;
  approver: string;
}

/** `RequestApproval` and `SendReminder` 1.0 on task list `approval` (stand-ins for e-mail). */
@Activities({
  version: '1.0',
  taskList: 'approval',
  scheduleToStartTimeout: '5 minutes',
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '6 minutes',
  heartbeatTimeout: 'NONE',
})
export class ApprovalActivities {
  /** What was sent, in order (`request <id>`, `reminder <id> #n`), for whoever runs the worker to inspect. */
  readonly sent: string[] = [];

  /** Asks the approver to approve or reject the request. */
  @Activity({ name: 'RequestApproval' })
  async requestApproval(request: ExpenseRequest): Promise<void> {
    this.sent.push(`request ${request.id}`);
  }

  /** Reminds the approver that the request is still waiting. */
  @Activity({ name: 'SendReminder' })
  async sendReminder(request: ExpenseRequest, reminder: number): Promise<void> {
    this.sent.push(`reminder ${request.id} #${reminder}`);
  }
}
