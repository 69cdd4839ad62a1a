import test from 'ava';
import {classifyFailure} from '../../source/engine/classify-failure.js';
import {schedulerLinePrefix} from '../../source/executors/executor.js';
import {expandHostList, jobEndReason, parseIndexList, parseJob, parseNode, parseQueue, sallocJobId} from '../../source/executors/slurm/slurm-text.js';

// Printed by Slurm 22.05.8 on the test cluster (`scontrol show job -d 1`), trimmed.
const runningJob = `JobId=1 JobName=llm-bench-run1
   UserId=root(0) GroupId=root(0) MCS_label=N/A
   JobState=RUNNING Reason=None Dependency=(null)
   Requeue=1 Restarts=0 BatchFlag=0 Reboot=0 ExitCode=0:0
   RunTime=00:00:00 TimeLimit=00:10:00 TimeMin=N/A
   NodeList=node2
   BatchHost=node2
   TRES=cpu=1,node=1,billing=1
   JOB_GRES=gpu:2
     Nodes=node2 CPU_IDs=0 Mem=0 GRES=gpu:2(IDX:0-1)
   TresPerNode=gres:gpu:2
`;

test('scontrol show job -d: state, node and the GPU indices of the job on it', t => {
	const job = parseJob(runningJob);
	t.is(job.id, '1');
	t.is(job.state, 'RUNNING');
	t.deepEqual(job.nodes, ['node2']);
	t.deepEqual(job.gpuIndices.get('node2'), [0, 1]);
	t.is(jobEndReason(job), null);
});

test('a job Slurm ended or requeued has a reason in words; one that ran as placed has none', t => {
	const timeout = parseJob(runningJob.replace('JobState=RUNNING Reason=None', 'JobState=TIMEOUT Reason=TimeLimit'));
	t.is(jobEndReason(timeout), 'Slurm job 1 reached its time limit: state TIMEOUT (Reason=TimeLimit), time limit 00:10:00');
	const nodeFail = parseJob(runningJob.replace('JobState=RUNNING Reason=None', 'JobState=NODE_FAIL Reason=NodeDown'));
	t.regex(jobEndReason(nodeFail)!, /lost its node \(node failure\): state NODE_FAIL \(Reason=NodeDown\)/);
	const requeued = parseJob(runningJob.replace('JobState=RUNNING Reason=None', 'JobState=PENDING Reason=BeginTime').replace('Restarts=0', 'Restarts=1'));
	t.regex(jobEndReason(requeued)!, /was requeued: state PENDING \(Reason=BeginTime\)/);
	t.is(jobEndReason(parseJob(runningJob.replace('JobState=RUNNING', 'JobState=PENDING'))), null);
});

test('output that is not a job record is refused with the field that did not parse', t => {
	const error = t.throws(() => parseJob('slurm_load_jobs error: Invalid job id specified'));
	t.regex(error.message, /JobId/);
	t.throws(() => parseJob(runningJob.replace('JobState=RUNNING', 'JobState=running?')), {message: /JobState/});
});

test('scontrol show node: the address clients reach its servers at', t => {
	const node = parseNode(
		'NodeName=node1 Arch=x86_64 CoresPerSocket=1\n   Gres=gpu:2\n   NodeAddr=10.0.3.7 NodeHostName=gpu-a Port=6818 Version=22.05.8\n   State=MIXED ThreadsPerCore=1',
	);
	t.deepEqual(node, {name: 'node1', address: '10.0.3.7', state: 'MIXED'});
	t.throws(() => parseNode('Node nodeX not found'), {message: /NodeName/});
});

test('host lists, index lists, salloc lines and squeue lines', t => {
	t.deepEqual(expandHostList('node[1-3,7],gpu-a,dgx[08-09]'), ['node1', 'node2', 'node3', 'node7', 'gpu-a', 'dgx08', 'dgx09']);
	t.deepEqual(parseIndexList('0-1,3'), [0, 1, 3]);
	t.throws(() => parseIndexList('0-1,x'));
	t.deepEqual(sallocJobId('salloc: Pending job allocation 12'), {id: '12', granted: false});
	t.deepEqual(sallocJobId('salloc: Granted job allocation 12'), {id: '12', granted: true});
	t.is(sallocJobId('salloc: error: Job submit/allocate failed: Requested node configuration is not available'), null);
	t.deepEqual(parseQueue('12|RUNNING|llm-bench-a\n13|PENDING|x|y\n'), [
		{id: '12', state: 'RUNNING', name: 'llm-bench-a'},
		{id: '13', state: 'PENDING', name: 'x|y'},
	]);
	t.throws(() => parseQueue('JOBID PARTITION NAME'));
});

test('a scheduler line in the server log is the failure reason, before the server’s own last words', t => {
	const failure = classifyFailure(
		{code: 143, signal: null},
		[
			'INFO: serving',
			`${schedulerLinePrefix}Slurm job 7 reached its time limit: state TIMEOUT (Reason=TimeLimit), time limit 00:01:00`,
			'srun: error: node1: task 0: Terminated',
		],
		[{pattern: /Terminated/, status: 'failed', kind: 'startup crash', hint: 'x'}],
		'benchmark',
	);
	t.is(failure.kind, 'scheduler');
	t.is(failure.reason, 'Slurm job 7 reached its time limit: state TIMEOUT (Reason=TimeLimit), time limit 00:01:00 (server exit status 143)');
});
