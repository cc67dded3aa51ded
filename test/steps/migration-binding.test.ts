// Every command the migration's scripts run binds to Microsoft's documented parameter sets (names, mandatory ones,
// no pipeline input): copy-groups, move-spns and file-access@HOST (preview, judge and undo), their survey part, and
// the exported plan script of assets/examples/move-report-task.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { planScript } from '../../electron/common/export/plan-script.js';
import { surveyScript } from '../../electron/common/runs/survey.js';
import { planSteps } from '../../electron/common/steps/plan-steps.js';
import { checkScripts } from '../export/command-binding.js';
import { testSession } from '../helpers/pwsh.js';

const session = testSession();
after(() => session.dispose());

describe('migration scripts bind', () => {
  it('preview, judge, undo, survey and the exported plan script', async () => {
    const { plan, input } = parseAnswersText(readFileSync('assets/examples/move-report-task.json', 'utf8'));
    const created = [
      {
        kind: 'copied-membership',
        identity: 'CN=svc-report,DC=contoso,DC=com',
        parent: 'CN=Report Readers,DC=contoso,DC=com',
      },
      {
        kind: 'moved-spn',
        identity: 'HTTP/reports.contoso.com',
        parent: 'CN=svc-report,DC=contoso,DC=com',
        previous: 'CN=u,DC=contoso,DC=com',
      },
      {
        kind: 'file-access-rule',
        identity:
          'C:\\Scripts\\Reports > CONTOSO\\svc-report$ Allow Modify, Synchronize [ContainerInherit, ObjectInherit / None]',
        parent: 'WEB01',
      },
    ];
    // The SPNs move after every host's install, file access and rights, right before the first job is re-pointed: a
    // run that stops earlier leaves them with the old account, whose jobs still run.
    assert.deepEqual(
      planSteps(plan).map((s) => s.id),
      [
        'group',
        'group-members',
        'account',
        'copy-groups',
        'refresh-ticket',
        'install',
        'test',
        'refresh-ticket@APP01',
        'file-access@WEB01',
        'batch-right@WEB01',
        'service-right@APP01',
        'move-spns',
        'existing-task-move@existing-task',
        'existing-task-test-run@existing-task',
        'service-account@service',
        'service-restart@service',
      ],
    );
    const mine = planSteps(plan).filter((s) => /^(copy-groups|move-spns|file-access@)/.test(s.id));
    const scripts = [
      { name: 'exported plan script', text: planScript(plan, { input, version: 'test' }) },
      { name: 'survey', text: surveyScript(plan).text },
      ...mine.flatMap((s) => [
        { name: `${s.id} preview`, text: s.preview(plan).text },
        { name: `${s.id} undo`, text: s.undo(created).text },
      ]),
    ];
    const { problems, checked } = await checkScripts(session, scripts, { pipelineInput: 'refuse' });
    assert.deepEqual(problems, []);
    for (const name of [
      'Add-ADGroupMember',
      'Set-ADUser',
      'Set-ADServiceAccount',
      'Get-Acl',
      'Set-Acl',
      'Remove-ADGroupMember',
    ])
      assert.ok(checked.has(name), `${name} was checked`);
  });
});
