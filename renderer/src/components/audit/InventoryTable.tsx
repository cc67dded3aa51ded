// The managed accounts of the domain in one table, sortable by its first columns (a header button; aria-sort says
// the order). Wider than the screen's column at 1280x720, it scrolls sideways in its own region, which takes the
// focus so the keyboard scrolls it too.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import type { AuditReport } from '../../api/contract';
import { INVENTORY_COLUMNS, inventoryRow, sortInventory } from '../../audit/inventory';
import { useAudit } from '../../store/auditStore';

const useStyles = makeStyles({
  scroller: {
    maxWidth: '100%',
    overflowX: 'auto',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: 'collapse', minWidth: '1400px' },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'break-word',
  },
  th: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular, whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  caption: { textAlign: 'left', paddingBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
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
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  sorted: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

const NARROW = new Set(['type', 'name', 'enabled']);

export function InventoryTable({ report, now }: { report: AuditReport; now: number }) {
  const styles = useStyles();
  const sort = useAudit((s) => s.inventorySort);
  const accounts = sortInventory(report.accounts, sort);
  if (accounts.length === 0) return <p>The domain has no managed service accounts.</p>;
  return (
    <div
      className={styles.scroller}
      role="region"
      aria-label="Managed accounts, scrolls sideways"
      tabIndex={0}
      data-testid="audit-inventory"
    >
      <table className={styles.table}>
        <caption className={styles.caption}>
          {`${accounts.length} managed ${accounts.length === 1 ? 'account' : 'accounts'}: sMSA, gMSA and dMSA`}
        </caption>
        <thead>
          <tr>
            {INVENTORY_COLUMNS.map((c) => {
              const sorted = c.sortable && sort.key === c.id;
              const Arrow = sort.ascending ? ArrowUpRegular : ArrowDownRegular;
              return (
                <th
                  key={c.id}
                  scope="col"
                  className={mergeClasses(styles.cell, styles.th, sorted && styles.sorted)}
                  aria-sort={sorted ? (sort.ascending ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortable ? (
                    <button
                      type="button"
                      className={styles.sort}
                      onClick={() => useAudit.getState().sortInventory(c.id)}
                    >
                      {c.title}
                      {sorted && <Arrow aria-hidden="true" />}
                    </button>
                  ) : (
                    c.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const row = inventoryRow(a, now);
            return (
              <tr key={a.dn} data-account={a.sam} data-type={a.type}>
                {INVENTORY_COLUMNS.map((c) =>
                  c.id === 'name' ? (
                    <th key={c.id} scope="row" className={mergeClasses(styles.cell, styles.nowrap)}>
                      {row.name}
                    </th>
                  ) : (
                    <td key={c.id} className={mergeClasses(styles.cell, NARROW.has(c.id) && styles.nowrap)}>
                      {row[c.id]}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
