// Save answers, Open answers, Export script: the plan as a file for a change ticket, another domain or Server Core
// (`msa-wizard apply --answers`), and back. Open is offered while no run holds the forms; it replaces the answers, so
// when the forms hold others it asks first (ConfirmReplaceAnswers). What the last action did lives in a store
// (planFileStore): Open goes to Account, which then says what was opened.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DocumentArrowUpRegular, SaveRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ApiError } from '../api/contract';
import { keepFocus } from '../setup/focus';
import {
  answersAtStake,
  exportScript,
  loadAnswers,
  readAnswers,
  saveAnswers,
  type ReadAnswers,
} from '../setup/planFile';
import { isActive } from '../setup/steps';
import { usePlanFile, type FileOutcome } from '../store/planFileStore';
import { useRun } from '../store/runStore';
import { ApiErrorBar } from './ApiErrorBar';
import { useCardStyles } from './cardStyles';
import { useAskFirst } from './AskFirstDialog';
import { ConfirmReplaceAnswers } from './ConfirmReplaceAnswers';

/**
 * What Open answers just opened, at the top of Account where the admin lands (the file buttons sit at the bottom):
 * shown until the next file action or until dismissed. Not a live region: the file card's status announces it.
 */
export function OpenedAnswersNote() {
  const outcome = usePlanFile((s) => s.outcome);
  const setOutcome = usePlanFile((s) => s.setOutcome);
  const locked = useRun((s) => isActive(s.run));
  if (locked || outcome?.ok !== true || !outcome.message.startsWith('Opened ')) return null;
  return (
    <MessageBar intent="info" layout="multiline" data-testid="opened-answers-note">
      <MessageBarBody>{outcome.message}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={() => setOutcome(null)}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

const useStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** A bad answers file: the core's words and each problem with its JSON path. */
function FileProblems({ error }: { error: ApiError }) {
  const styles = useStyles();
  if (error.issues === undefined || error.issues.length === 0) return <ApiErrorBar error={error} />;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="answers-problems">
      <MessageBarBody>
        <MessageBarTitle>{error.title}</MessageBarTitle>
        <span>{error.action}</span>
        <ul className={styles.issues}>
          {error.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <span className={styles.mono}>{i.path === '' ? '(the file)' : i.path}</span>
              {`: ${i.message}`}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

export function PlanFileActions({ id }: { id: string }) {
  const card = useCardStyles();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const locked = useRun((s) => isActive(s.run));
  const [busy, setBusy] = useState(false);
  const outcome = usePlanFile((s) => s.outcome);
  // The status region is mounted empty and filled a frame later: a screen reader announces text put into a live
  // region, not text it already held when it appeared (Open lands on Account with the words waiting).
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setShown(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  const setOutcome = usePlanFile((s) => s.setOutcome);
  /** A read answers file waiting for "Replace them", and what it would replace. */
  const replace = useAskFirst<{ read: ReadAnswers; replaced: string }>();
  const asking = replace.subject;

  async function act(work: () => Promise<FileOutcome>) {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await work());
    } finally {
      setBusy(false);
    }
  }

  function picked(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file can be picked again
    if (file === undefined) return;
    void act(async () => {
      const read = await readAnswers(file);
      if (!read.ok) return read;
      const replaced = answersAtStake(read);
      if (replaced === null) return loadAnswers(read);
      replace.ask({ read, replaced });
      return { ok: true, message: '' };
    });
  }

  return (
    <section className={card.card} aria-labelledby={`${id}-heading`} data-testid="plan-file">
      <h2 id={`${id}-heading`} className={card.cardHeading}>
        Plan file
      </h2>
      <p className={card.note}>
        Save the answers to run the same plan elsewhere (msa-wizard apply --answers FILE) or to open them here later;
        export the whole plan as one PowerShell script for Server Core or a change ticket.
        {locked ? ' Open is available once this run is set aside or undone.' : ''}
      </p>
      <div className={styles.buttons}>
        <Button id={`${id}-save`} icon={<SaveRegular />} disabledFocusable={busy} onClick={() => void act(saveAnswers)}>
          Save answers
        </Button>
        <Button
          id={`${id}-open`}
          icon={<DocumentArrowUpRegular />}
          disabledFocusable={busy || locked}
          onClick={() => input.current?.click()}
        >
          Open answers
        </Button>
        <Button
          id={`${id}-export`}
          icon={<ArrowDownloadRegular />}
          disabledFocusable={busy}
          onClick={() => void act(exportScript)}
        >
          Export script
        </Button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={picked}
        />
      </div>
      <p role="status" className={card.note} data-testid="plan-file-status">
        {shown && outcome?.ok === true ? outcome.message : ''}
      </p>
      {outcome?.ok === false && outcome.error !== null && <FileProblems error={outcome.error} />}
      {asking !== null && (
        <ConfirmReplaceAnswers
          open={replace.open}
          fileName={asking.read.fileName}
          replaced={asking.replaced}
          onCancel={() =>
            replace.answer(() => {
              setOutcome({ ok: true, message: `Kept your answers: ${asking.read.fileName} was not opened.` });
              keepFocus([`${id}-open`]);
            })
          }
          onConfirm={() => replace.answer(() => setOutcome(loadAnswers(asking.read)))}
          onClosed={replace.closed}
        />
      )}
    </section>
  );
}
