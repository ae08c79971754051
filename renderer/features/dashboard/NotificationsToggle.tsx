// Opt-in desktop notifications in the browser (failed syncs, paused connections, new held items after a
// scheduled sync). Hidden where the browser has no Notification API and inside Electron, which notifies itself.
import { useState } from 'react';
import { notificationsOn, notificationsSupported, setNotifications } from '../../api/notify';

export function NotificationsToggle() {
  const [on, setOn] = useState(notificationsOn);
  const [denied, setDenied] = useState(false);
  if (!notificationsSupported()) return null;
  return (
    <label className="check notify-toggle">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          const want = e.target.checked;
          void setNotifications(want).then((granted) => (setOn(granted), setDenied(want && !granted)));
        }}
      />
      Desktop notifications when a sync fails, a connection pauses or new items are held
      {denied ? <span className="warn-text"> — the browser refused; allow notifications for this page in its settings</span> : null}
    </label>
  );
}
