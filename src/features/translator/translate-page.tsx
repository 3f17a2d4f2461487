/** /translate/<episode-id>/<lang>: the translator workspace (being built; see issues 6 and 7). */
export function TranslatePage({ episodeId, lang }: { episodeId: string; lang: string }) {
  return (
    <main className="page page--narrow" id="main">
      <h1>
        Translate {episodeId} ({lang})
      </h1>
      <p>The translator workspace is not built yet.</p>
    </main>
  );
}
