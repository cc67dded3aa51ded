// "Move to a managed account", wherever it is offered (Find what runs as users, the audit's findings): plans the move
// with discover.adopt (setup/discoverActions.ts) and opens it on Account, asking first when the forms hold other
// answers. Returns the action and the dialog to render.
import type { ReactElement } from 'react';
import { openMove, planMove, type MoveTarget, type PlannedMove } from '../../setup/discoverActions';
import { useAskFirst } from '../AskFirstDialog';
import { ConfirmReplaceAnswers } from '../ConfirmReplaceAnswers';

export function useMoveToManaged(): { move: (target: MoveTarget) => Promise<void>; dialog: ReactElement | null } {
  /** A planned move waiting for "Replace them". */
  const replace = useAskFirst<PlannedMove>();
  const asking = replace.subject;

  async function move(target: MoveTarget) {
    const planned = await planMove(target);
    if (planned === null) return;
    if (planned.replaced === null) openMove(planned);
    else replace.ask(planned);
  }

  const dialog =
    asking === null ? null : (
      <ConfirmReplaceAnswers
        open={replace.open}
        fileName={`the move of ${asking.account}`}
        replaced={asking.replaced ?? ''}
        onCancel={() => replace.answer(() => undefined)}
        onConfirm={() => replace.answer(() => openMove(asking))}
        onClosed={replace.closed}
      />
    );
  return { move, dialog };
}
