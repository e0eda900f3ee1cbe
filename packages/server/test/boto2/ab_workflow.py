"""The seed program: an A/B workflow with boto 2 (boto.swf.layer2), as one writes it for Amazon SWF.

Activity A runs on task list a_tasks; its result is the input of activity B on b_tasks; then the
workflow completes with B's result. Run each part in its own process:

    python3 ab_workflow.py register   # the domain, the workflow type and the two activity types
    python3 ab_workflow.py start      # prints "<workflowId> <runId>"
    python3 ab_workflow.py decider    # decides until the workflow is complete
    python3 ab_workflow.py worker-a   # runs one A task
    python3 ab_workflow.py worker-b   # runs one B task

Nothing here names the local service: like every boto 2 program, it reaches SWF through the
boto configuration (BOTO_CONFIG and its endpoints file), which is where the endpoint is changed.
"""
import sys
import time

import boto.swf.layer2 as swf
from boto.swf.exceptions import SWFDomainAlreadyExistsError, SWFTypeAlreadyExistsError

DOMAIN = 'ab-seed'
VERSION = '1.0'
WORKFLOW = 'ABWorkflow'
DECISION_TASKS = 'ab_decisions'


def register():
    registerables = [
        (swf.Domain(name=DOMAIN, retention=1), {}),
        (swf.WorkflowType(domain=DOMAIN, name=WORKFLOW, version=VERSION, task_list=DECISION_TASKS),
         {'task_list': DECISION_TASKS}),
        (swf.ActivityType(domain=DOMAIN, name='ActivityA', version=VERSION), {'task_list': 'a_tasks'}),
        (swf.ActivityType(domain=DOMAIN, name='ActivityB', version=VERSION), {'task_list': 'b_tasks'}),
    ]
    for entity, options in registerables:
        try:
            entity.register(**options)
            print(entity.name, 'registered')
        except (SWFDomainAlreadyExistsError, SWFTypeAlreadyExistsError):
            print(entity.name, 'already registered')


def start():
    execution = swf.WorkflowType(domain=DOMAIN, name=WORKFLOW, version=VERSION, task_list=DECISION_TASKS).start(input='seed')
    print(execution.workflowId, execution.runId)


class ABDecider(swf.Decider):
    domain = DOMAIN
    task_list = DECISION_TASKS
    version = VERSION

    def run(self):
        """Answers one decision task; returns True once the workflow was completed."""
        history = self.poll()
        if 'events' not in history or not history.get('taskToken'):
            return False
        events = history['events']
        workflow_events = [e for e in events if not e['eventType'].startswith('Decision')]
        last_event = workflow_events[-1]
        decisions = swf.Layer1Decisions()
        done = False
        if last_event['eventType'] == 'WorkflowExecutionStarted':
            started = last_event['workflowExecutionStartedEventAttributes']
            decisions.schedule_activity_task('A-%i' % time.time(), 'ActivityA', VERSION,
                                             task_list='a_tasks', input=started.get('input'))
        elif last_event['eventType'] == 'ActivityTaskCompleted':
            attrs = last_event['activityTaskCompletedEventAttributes']
            scheduled = [e for e in events if e['eventId'] == attrs['scheduledEventId']][0]
            name = scheduled['activityTaskScheduledEventAttributes']['activityType']['name']
            if name == 'ActivityA':
                decisions.schedule_activity_task('B-%i' % time.time(), 'ActivityB', VERSION,
                                                 task_list='b_tasks', input=attrs.get('result'))
            else:
                decisions.complete_workflow_execution(result=attrs.get('result'))
                done = True
        else:
            decisions.fail_workflow_execution(reason='unexpected event ' + last_event['eventType'])
            done = True
        self.complete(decisions=decisions)
        return done


class ABWorker(swf.ActivityWorker):
    domain = DOMAIN
    version = VERSION
    task_list = None

    def run(self):
        """Runs one activity task, if one came; returns True when it did."""
        task = self.poll()
        if 'activityId' not in task:
            return False
        try:
            self.complete(result=self.activity(task.get('input')))
        except Exception as error:
            self.fail(reason=str(error))
            raise
        return True

    def activity(self, activity_input):
        raise NotImplementedError


class WorkerA(ABWorker):
    task_list = 'a_tasks'

    def activity(self, activity_input):
        return '%s>A' % activity_input


class WorkerB(ABWorker):
    task_list = 'b_tasks'

    def activity(self, activity_input):
        return '%s>B' % activity_input


def main(role):
    if role == 'register':
        register()
    elif role == 'start':
        start()
    elif role == 'decider':
        decider = ABDecider()
        while not decider.run():
            pass
        print('workflow completed')
    elif role in ('worker-a', 'worker-b'):
        worker = WorkerA() if role == 'worker-a' else WorkerB()
        while not worker.run():
            pass
        print(role, 'done')
    else:
        raise SystemExit('usage: ab_workflow.py register|start|decider|worker-a|worker-b')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '')
