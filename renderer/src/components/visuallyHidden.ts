import { makeStyles } from '@fluentui/react-components';

/** Text for screen readers only (status announcements). Absolute, 1px and clipped: place it inside a positioned
 *  ancestor (the frame's main area is one), so it can never stretch the document below the viewport. */
export const useVisuallyHiddenStyles = makeStyles({
  root: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
