import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ThanosApi } from '../../api/ThanosApi';
import { thanosApiRef } from '../../api/ThanosApi';
import { UnclaimedNotice, unclaimedText } from './UnclaimedNotice';

function render(api: Partial<ThanosApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[thanosApiRef, api as ThanosApi]]}>
      <UnclaimedNotice instance="observer" />
    </TestApiProvider>,
  );
}

describe('UnclaimedNotice', () => {
  it('names every label set Thanos serves that no entity claims', async () => {
    const getUnclaimed = jest.fn(async () => [
      { labels: { cluster: 'oslo' }, types: ['query', 'store'] },
    ]);
    await render({ getUnclaimed });
    const notice = await screen.findByTestId('thanos-unclaimed');
    expect(notice).toHaveTextContent(
      'Clusters Thanos sees that the catalog does not',
    );
    expect(notice).toHaveTextContent('{cluster="oslo"} (query, store)');
    expect(getUnclaimed).toHaveBeenCalledWith('observer');
  });

  it('shows nothing when every cluster is claimed or the API cannot tell', async () => {
    await render({ getUnclaimed: async () => [] });
    expect(screen.queryByTestId('thanos-unclaimed')).toBeNull();
    await render({});
    expect(screen.queryByTestId('thanos-unclaimed')).toBeNull();
  });

  it('writes the labels as PromQL does, with the store types', () => {
    expect(
      unclaimedText([
        { labels: { env: 'prod', cluster: 'oslo' }, types: ['query'] },
      ]),
    ).toContain('{cluster="oslo", env="prod"} (query)');
    expect(unclaimedText([])).toBeNull();
  });
});
