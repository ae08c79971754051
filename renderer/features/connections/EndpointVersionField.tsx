// The Acumatica endpoint version field with "Find versions": asks the instance (GET /entity) which endpoint
// name/version pairs it offers and lets the accountant pick one instead of typing it.
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { useMlcMutation } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

type AcumaticaDraft = Extract<ConnectionInput['target'], { system: 'acumatica' }>;

export function EndpointVersionField({ target, connectionId, hint, onChange }: { target: AcumaticaDraft; connectionId: string | null; hint?: string; onChange(name: string, version: string): void }) {
  const discover = useMlcMutation('connections.discoverEndpoints');
  // A list found for another site URL would offer versions this one may not have.
  const found = discover.data && discover.variables?.target?.siteUrl === target.siteUrl ? discover.data : null;
  const current = `${target.endpointName}/${target.endpointVersion}`;
  const find = () => discover.mutate(connectionId ? { connectionId, target } : { target });
  return (
    <div className="field">
      <label htmlFor="f-target-endpointVersion">Endpoint version</label>
      <div className="inline-field">
        <input id="f-target-endpointVersion" value={target.endpointVersion} spellCheck={false} onChange={(e) => onChange(target.endpointName, e.target.value)} />
        <button type="button" className="btn btn-small" disabled={discover.isPending || !/^https?:\/\/.+/.test(target.siteUrl)} onClick={find}>
          {discover.isPending ? 'Asking…' : 'Find versions'}
        </button>
      </div>
      {found ? (
        found.endpoints.length ? (
          <select aria-label="Versions this instance offers" value={found.endpoints.some((e) => `${e.name}/${e.version}` === current) ? current : ''} onChange={(e) => e.target.value && onChange(...(e.target.value.split('/') as [string, string]))}>
            <option value="">Pick one of the {found.endpoints.length} offered{found.build ? ` (Acumatica ${found.build})` : ''}</option>
            {found.endpoints.map((e) => (
              <option key={`${e.name}/${e.version}`} value={`${e.name}/${e.version}`}>
                {e.name} {e.version}
              </option>
            ))}
          </select>
        ) : (
          <small className="bad-text">The instance lists no endpoints.</small>
        )
      ) : null}
      <ErrorBanner error={discover.error} onRetry={find} />
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
  );
}
