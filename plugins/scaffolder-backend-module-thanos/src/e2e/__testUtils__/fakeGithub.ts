import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { gzippedTarball } from './tarball';

/**
 * msw handlers that play github.com for one repository: what Backstage's GitHub URL reader calls to
 * download a tree (`fetch:plain`), and what `octokit-plugin-create-pull-request` calls to open a
 * pull request (`publish:github:pull-request`). Response shapes follow GitHub's REST API docs
 * (docs.github.com/en/rest: "Get the combined status for a specific reference", "Download a
 * repository archive (tar)", "Get a repository", "Get repository content", "List commits", "Create a blob", "Create a
 * tree", "Create a commit", "Create a reference", "Create a pull request") and the GraphQL
 * `repository.ref` object, trimmed to the fields the two clients read plus identifying ones.
 */

const API = 'https://api.github.com';
const BASE_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const BASE_TREE_SHA = 'f0e1d2c3b4a5968778695a4b3c2d1e0f12345678';

export interface OpenedPullRequest {
  branch: string;
  base: string;
  title: string;
  body: string;
  /** Repo-relative path → file content, decoded from the blobs and tree the client sent. */
  files: Record<string, string>;
  /** Repo-relative paths the tree removes (tree entries with `sha: null`). */
  deleted: string[];
}

export interface FakeGithub {
  handlers: ReturnType<typeof http.get>[];
  /** Every request that reached a pull-request endpoint (blobs, trees, commits, refs, pulls). */
  writeRequests: string[];
  pullRequests: OpenedPullRequest[];
}

function sha1(text: string) {
  return createHash('sha1').update(text).digest('hex');
}

export function fakeGithub(options: {
  owner: string;
  repo: string;
  branch: string;
  /** Repo-relative path → content of the repository at the branch head. */
  files: () => Record<string, string>;
}): FakeGithub {
  const { owner, repo, branch } = options;
  const repoApi = `${API}/repos/${owner}/${repo}`;
  const repository = {
    id: 4242,
    node_id: 'R_kgDOAAAQkg',
    name: repo,
    full_name: `${owner}/${repo}`,
    private: true,
    owner: { login: owner, id: 77, type: 'Organization' },
    html_url: `https://github.com/${owner}/${repo}`,
    url: repoApi,
    archive_url: `${repoApi}/{archive_format}{/ref}`,
    trees_url: `${repoApi}/git/trees{/sha}`,
    default_branch: branch,
    permissions: {
      admin: false,
      maintain: false,
      push: true,
      triage: true,
      pull: true,
    },
  };
  const blobs = new Map<string, string>();
  let tree: Array<{
    path: string;
    mode: string;
    sha?: string | null;
    content?: string;
  }> = [];
  const state: FakeGithub = {
    handlers: [],
    writeRequests: [],
    pullRequests: [],
  };
  const record = (request: Request) => {
    state.writeRequests.push(
      `${request.method} ${new URL(request.url).pathname}`,
    );
  };

  state.handlers = [
    http.get(`${repoApi}/commits/:ref/status`, ({ params }) => {
      if (params.ref !== branch) return new HttpResponse(null, { status: 404 });
      return HttpResponse.json({
        state: 'success',
        sha: BASE_SHA,
        total_count: 0,
        statuses: [],
        repository,
        commit_url: `${repoApi}/commits/${BASE_SHA}`,
        url: `${repoApi}/commits/${BASE_SHA}/status`,
      });
    }),
    http.get(`${repoApi}/tarball/:ref`, ({ params }) => {
      if (params.ref !== BASE_SHA)
        return new HttpResponse(null, { status: 404 });
      const body = gzippedTarball(
        `${owner}-${repo}-${BASE_SHA.slice(0, 7)}`,
        options.files(),
      );
      return new HttpResponse(new Uint8Array(body), {
        headers: {
          'content-type': 'application/x-gzip',
          'content-disposition': `attachment; filename=${owner}-${repo}-${BASE_SHA.slice(
            0,
            7,
          )}.tar.gz`,
        },
      });
    }),
    // "Get repository content" as a HEAD request: the pull-request client asks it before deleting
    // a file, and deletes only files that exist at the base commit.
    http.head(`${repoApi}/contents/*`, ({ request }) => {
      const url = new URL(request.url);
      const filePath = decodeURIComponent(
        url.pathname.slice(`/repos/${owner}/${repo}/contents/`.length),
      );
      const ref = url.searchParams.get('ref');
      return ref === BASE_SHA && filePath in options.files()
        ? new HttpResponse(null, { status: 200 })
        : new HttpResponse(null, { status: 404 });
    }),
    http.get(repoApi, () =>
      HttpResponse.json(repository, { headers: { 'x-oauth-scopes': 'repo' } }),
    ),
    http.get(`${repoApi}/commits`, ({ request }) => {
      const sha = new URL(request.url).searchParams.get('sha');
      if (sha !== branch)
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      return HttpResponse.json([
        {
          sha: BASE_SHA,
          url: `${repoApi}/commits/${BASE_SHA}`,
          commit: {
            message: 'Initial infra',
            tree: {
              sha: BASE_TREE_SHA,
              url: `${repoApi}/git/trees/${BASE_TREE_SHA}`,
            },
          },
          parents: [],
        },
      ]);
    }),
    http.post(`${repoApi}/git/blobs`, async ({ request }) => {
      record(request);
      const { content, encoding } = (await request.json()) as {
        content: string;
        encoding: string;
      };
      const text = Buffer.from(
        content,
        encoding === 'base64' ? 'base64' : 'utf8',
      ).toString('utf8');
      const sha = sha1(text);
      blobs.set(sha, text);
      return HttpResponse.json(
        { sha, url: `${repoApi}/git/blobs/${sha}` },
        { status: 201 },
      );
    }),
    http.post(`${repoApi}/git/trees`, async ({ request }) => {
      record(request);
      const body = (await request.json()) as {
        base_tree: string;
        tree: typeof tree;
      };
      tree = body.tree;
      const sha = sha1(JSON.stringify(body));
      return HttpResponse.json(
        {
          sha,
          url: `${repoApi}/git/trees/${sha}`,
          tree: body.tree,
          truncated: false,
        },
        { status: 201 },
      );
    }),
    http.post(`${repoApi}/git/commits`, async ({ request }) => {
      record(request);
      const body = (await request.json()) as {
        message: string;
        tree: string;
        parents: string[];
      };
      const sha = sha1(JSON.stringify(body));
      return HttpResponse.json(
        {
          sha,
          url: `${repoApi}/git/commits/${sha}`,
          message: body.message,
          tree: { sha: body.tree, url: `${repoApi}/git/trees/${body.tree}` },
          parents: body.parents.map(p => ({
            sha: p,
            url: `${repoApi}/git/commits/${p}`,
          })),
        },
        { status: 201 },
      );
    }),
    http.post(`${API}/graphql`, () =>
      // The branch does not exist yet, so there is no open pull request for it.
      HttpResponse.json({ data: { repository: { ref: null } } }),
    ),
    http.post(`${repoApi}/git/refs`, async ({ request }) => {
      record(request);
      const { ref, sha } = (await request.json()) as {
        ref: string;
        sha: string;
      };
      return HttpResponse.json(
        {
          ref,
          url: `${repoApi}/git/${ref}`,
          object: { type: 'commit', sha, url: `${repoApi}/git/commits/${sha}` },
        },
        { status: 201 },
      );
    }),
    http.post(`${repoApi}/pulls`, async ({ request }) => {
      record(request);
      const body = (await request.json()) as {
        head: string;
        base: string;
        title: string;
        body: string;
      };
      const number = state.pullRequests.length + 1;
      state.pullRequests.push({
        branch: body.head.replace(/^[^:]+:/, ''),
        base: body.base,
        title: body.title,
        body: body.body,
        files: Object.fromEntries(
          tree
            .filter(entry => entry.sha !== null)
            .map(entry => [
              entry.path,
              entry.content ?? blobs.get(entry.sha!) ?? '<missing blob>',
            ]),
        ),
        deleted: tree
          .filter(entry => entry.sha === null)
          .map(entry => entry.path),
      });
      return HttpResponse.json(
        {
          id: 1000 + number,
          number,
          state: 'open',
          title: body.title,
          body: body.body,
          html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
          url: `${repoApi}/pulls/${number}`,
          head: { ref: body.head.replace(/^[^:]+:/, ''), label: body.head },
          base: { ref: body.base, label: `${owner}:${body.base}` },
          draft: false,
        },
        { status: 201 },
      );
    }),
  ];
  return state;
}
