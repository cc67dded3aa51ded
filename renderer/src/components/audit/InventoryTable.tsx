// The managed accounts of the domain in one table, sortable by its columns (a header button; aria-sort says the
// order). Each account is a row group: its short facts in the first row (name, type, enabled, password age, last
// logon, encryption), its long ones under them in a second row (DNS host name, who can retrieve the password with the
// group path, the linked host, where it is used), so the table fits the screen's column at 1280x720.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import type { AuditReport } from '../../api/contract';
import {
  INVENTORY_COLUMNS,
  inventoryRow,
  inventorySortWords,
  sortInventory,
  type InventorySortKey,
} from '../../audit/inventory';
import { useAudit } from '../../store/auditStore';

const useStyles = makeStyles({
  scroller: { maxWidth: '100%', overflowX: 'auto' },
  table: { borderCollapse: 'collapse', width: '100%' },
  caption: { textAlign: 'left', paddingBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS} 0`,
    overflowWrap: 'break-word',
  },
  head: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  th: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular, whiteSpace: 'nowrap' },
  group: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  name: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  more: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: `0 0 ${tokens.spacingVerticalS}`,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  sort: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: 0,
    border: 'none',
    backgroundColor: 'transparent',
    color: 'inherit',
    fontFamily: 'inherit',
    fontSize: 'inherit',
    fontWeight: 'inherit',
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  sorted: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The first row's columns; the second row's are its terms. */
const SHORT = INVENTORY_COLUMNS.filter((c) => c.row === 1);
const LONG = INVENTORY_COLUMNS.filter((c) => c.row === 2);
/** Short words, kept on one line. */
const NARROW = new Set<string>(['type', 'enabled']);

export function InventoryTable({ report, now }: { report: AuditReport; now: number }) {
  const styles = useStyles();
  const sort = useAudit((s) => s.inventorySort);
  // Sorted, and each row's cells in words, once per report, order and "now": not again on every render.
  const rows = useMemo(
    () => sortInventory(report.accounts, sort).map((account) => ({ account, row: inventoryRow(account, now) })),
    [report, sort, now],
  );
  if (rows.length === 0) return <p>The domain has no managed service accounts.</p>;
  const sortButton = (key: InventorySortKey, title: string) => {
    const Arrow = sort.ascending ? ArrowUpRegular : ArrowDownRegular;
    return (
      <button type="button" className={styles.sort} onClick={() => useAudit.getState().sortInventory(key)}>
        {title}
        {sort.key === key && <Arrow aria-hidden="true" />}
      </button>
    );
  };
  const ariaSort = (key: InventorySortKey) =>
    sort.key === key ? (sort.ascending ? ('ascending' as const) : ('descending' as const)) : undefined;
  return (
    <div className={styles.scroller} data-testid="audit-inventory">
      <table className={styles.table}>
        <caption className={styles.caption}>
          {`${rows.length} managed ${rows.length === 1 ? 'account' : 'accounts'}, ${inventorySortWords(sort)}`}
        </caption>
        <thead className={styles.head}>
          <tr>
            {SHORT.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={mergeClasses(styles.cell, styles.th, c.sortable && sort.key === c.id && styles.sorted)}
                aria-sort={c.sortable ? ariaSort(c.id) : undefined}
              >
                {c.sortable ? sortButton(c.id, c.title) : c.title}
              </th>
            ))}
          </tr>
        </thead>
        {rows.map(({ account: a, row }) => (
          <tbody key={a.dn} className={styles.group} data-account={a.sam} data-type={a.type}>
            <tr>
              {SHORT.map((c) =>
                c.id === 'name' ? (
                  <th key={c.id} scope="row" className={mergeClasses(styles.cell, styles.name)}>
                    {row.name}
                  </th>
                ) : (
                  <td key={c.id} className={mergeClasses(styles.cell, NARROW.has(c.id) && styles.nowrap)}>
                    {row[c.id]}
                  </td>
                ),
              )}
            </tr>
            <tr>
              <td colSpan={SHORT.length} className={styles.cell}>
                <dl className={styles.more} aria-label={`More about ${row.name}`}>
                  {LONG.filter((c) => c.id !== 'linkedHosts' || a.type === 'sMSA').map((c) => (
                    <div key={c.id} className={styles.pair}>
                      <dt className={styles.term}>{c.title}</dt>
                      <dd className={styles.value}>{row[c.id]}</dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
