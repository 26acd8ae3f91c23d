// Which cloud a Serverless service deploys to. The framework also serves Azure, Google Cloud,
// OpenWhisk, Knative...: those services are not AWS units and are skipped with a reason.

import { get, RNode, str } from '../tree';

/** The provider a service names when it is clearly not AWS (`provider: { name: azure }`); else undefined. */
export function nonAwsProvider(tree: RNode | undefined): string | undefined {
  const provider = get(tree, 'provider');
  const name = provider?.k === 'scalar' ? str(provider) : str(get(provider, 'name'));
  if (name === undefined || name.includes('${') || name.trim() === '') return undefined;
  return name.trim().toLowerCase() === 'aws' ? undefined : name.trim();
}
