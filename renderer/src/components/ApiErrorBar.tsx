// A failed call, in the core's own words: what went wrong (title), what to do (action), and the detail (message).
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiError } from '../api/contract';

const useStyles = makeStyles({
  action: { display: 'block', marginTop: tokens.spacingVerticalXS },
  detail: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

export function ApiErrorBar({ error }: { error: ApiError }) {
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline" data-error-kind={error.kind}>
      <MessageBarBody>
        <MessageBarTitle>{error.title}</MessageBarTitle>
        <span className={styles.action}>{error.action}</span>
        <span className={styles.detail}>{error.message}</span>
      </MessageBarBody>
    </MessageBar>
  );
}
