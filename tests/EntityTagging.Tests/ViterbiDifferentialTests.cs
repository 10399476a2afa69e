namespace MediaMonitor.EntityTagging.Tests;

/// <summary>
/// Viterbi walks each label's legal predecessors from a precomputed list; its labels must be exactly those of the loop
/// over every label that skipped the illegal ones (written out below as it was), ties and impossible scores included.
/// </summary>
public sealed class ViterbiDifferentialTests
{
    [Fact]
    public void Labels_equal_the_loop_over_every_label_on_random_scores_with_ties()
    {
        var random = new Random(20261207);
        var l = Bilou.Count;
        for (var round = 0; round < 2_000; round++)
        {
            var n = random.Next(0, 30);
            // Few distinct values, so equal sums (ties between predecessors and between end labels) are common.
            float Score() => random.Next(8) == 0 ? float.NegativeInfinity : random.Next(-3, 4) * 0.5f;
            var emissions = Enumerable.Range(0, n * l).Select(_ => Score()).ToArray();
            var transitions = Enumerable.Range(0, (l + 1) * l).Select(_ => round % 2 == 0 ? Score() : (float)random.NextDouble()).ToArray();

            Assert.Equal(Reference(emissions, n, transitions), PerceptronModel.Viterbi(emissions, n, transitions));
        }
    }

    private static int[] Reference(float[] emissions, int n, float[] transitions)
    {
        var l = Bilou.Count;
        if (n == 0)
        {
            return [];
        }

        var score = new float[n * l];
        var back = new int[n * l];
        for (var y = 0; y < l; y++)
        {
            score[y] = Bilou.Allowed(-1, y) ? transitions[y] + emissions[y] : float.NegativeInfinity;
        }

        for (var i = 1; i < n; i++)
        {
            for (var y = 0; y < l; y++)
            {
                var best = float.NegativeInfinity;
                var arg = 0;
                for (var p = 0; p < l; p++)
                {
                    if (!Bilou.Allowed(p, y))
                    {
                        continue;
                    }

                    var s = score[((i - 1) * l) + p] + transitions[((p + 1) * l) + y];
                    if (s > best)
                    {
                        best = s;
                        arg = p;
                    }
                }

                score[(i * l) + y] = best + emissions[(i * l) + y];
                back[(i * l) + y] = arg;
            }
        }

        var last = 0;
        var bestEnd = float.NegativeInfinity;
        for (var y = 0; y < l; y++)
        {
            var s = score[((n - 1) * l) + y];
            if (Bilou.CanEnd(y) && s > bestEnd)
            {
                bestEnd = s;
                last = y;
            }
        }

        var labels = new int[n];
        labels[n - 1] = last;
        for (var i = n - 1; i > 0; i--)
        {
            labels[i - 1] = back[(i * l) + labels[i]];
        }

        return labels;
    }
}
