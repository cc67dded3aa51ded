// Where to look: this computer, a list of computers, or the computers of an OU; then Find (discover.run, read-only).
// The list and the OU each have the directory picker beside them (Enter searches, a result's button adds or uses it).
// When the last search's OU could not be listed, its problem line stands here, above Find, where it is fixed.
import {
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { computerList, type Scope } from '../../discover/scope';
import { useDiscover } from '../../store/discoverStore';
import { useEnvironment } from '../../store/environmentStore';
import { useCardStyles } from '../cardStyles';
import { DirectoryPicker } from '../plan/DirectoryPicker';
import { SearchBaseProblem } from './SearchBaseProblem';

const useStyles = makeStyles({
  part: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export function WhereToLook() {
  const card = useCardStyles();
  const styles = useStyles();
  const scope = useDiscover((s) => s.scope);
  const computers = useDiscover((s) => s.computers);
  const searchBase = useDiscover((s) => s.searchBase);
  const running = useDiscover((s) => s.running);
  const problem = useDiscover((s) => s.inputProblem);
  const report = useDiscover((s) => s.report);
  const { setScope, setComputers, setSearchBase, run } = useDiscover.getState();
  const here = useEnvironment((s) => s.environment.value?.computer ?? null);
  const listed = computerList(computers);

  return (
    <section className={card.card} aria-labelledby="discover-where-heading">
      <h2 id="discover-where-heading" className={card.cardHeading}>
        Where to look
      </h2>
      <p className={card.note}>
        Read-only: each computer is read in one PowerShell remoting call (Invoke-Command), the accounts in one query per
        domain from this computer. Nothing is changed anywhere.
      </p>
      <RadioGroup
        aria-labelledby="discover-where-heading"
        value={scope}
        onChange={(_e, data) => setScope(data.value as Scope)}
      >
        <Radio value="this" label={here === null ? 'This computer' : `This computer (${here})`} />
        <Radio value="list" label="A list of computers" />
        <Radio value="ou" label="The computers of an OU" />
      </RadioGroup>
      {scope === 'list' && (
        <div className={styles.part}>
          <Field
            label={{ children: 'Computers', htmlFor: 'discover-computers' }}
            hint="One per line, or separated by commas."
            validationMessage={problem ?? undefined}
            validationState={problem === null ? 'none' : 'error'}
          >
            <Textarea
              id="discover-computers"
              value={computers}
              resize="vertical"
              onChange={(_e, data) => setComputers(data.value.slice(0, 20_000))}
            />
          </Field>
          <DirectoryPicker
            kind="computer"
            verb="Add"
            picked={listed}
            onPick={(entry) => setComputers([...listed, entry.name.toUpperCase()].join('\n'))}
          />
        </div>
      )}
      {scope === 'ou' && (
        <div className={styles.part}>
          <Field
            label={{ children: 'OU (distinguished name)', htmlFor: 'discover-searchbase' }}
            hint="Its enabled computer accounts are read."
            validationMessage={problem ?? undefined}
            validationState={problem === null ? 'none' : 'error'}
          >
            <Input
              id="discover-searchbase"
              value={searchBase}
              onChange={(_e, data) => setSearchBase(data.value.slice(0, 1024))}
            />
          </Field>
          <DirectoryPicker kind="ou" verb="Use" onPick={(entry) => setSearchBase(entry.dn)} />
        </div>
      )}
      {report !== null && <SearchBaseProblem report={report} />}
      <div className={styles.actions}>
        <Button
          id="discover-find"
          appearance="primary"
          icon={running ? <Spinner size="extra-tiny" aria-hidden="true" /> : <SearchRegular />}
          disabledFocusable={running}
          onClick={() => void run()}
        >
          Find what runs as users
        </Button>
      </div>
    </section>
  );
}
