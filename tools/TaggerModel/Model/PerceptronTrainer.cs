namespace MediaMonitor.EntityTagging.Model;

/// <summary>One labelled sentence: words, gold IOB tags, and the document it belongs to (for document features).</summary>
public sealed record LabelledSentence(IReadOnlyList<string> Words, IReadOnlyList<string> Tags, int Document = 0);

/// <summary>
/// Trains a <see cref="PerceptronModel"/> with the averaged structured perceptron (Collins 2002): decode each training
/// sentence with the current weights, move weights towards the gold labels where they differ, average over all steps.
/// Runs a fixed number of epochs and returns the last averaged model: the epoch count is chosen by cross-validation
/// (NerCrossValidation), never on an evaluation set. Deterministic for a given seed.
/// </summary>
public sealed class PerceptronTrainer(Action<string> log)
{
    private static readonly int L = Bilou.Count;

    /// <param name="afterEpoch">Called with each epoch's averaged model (for learning curves on held-out data; never to pick one).</param>
    public PerceptronModel Train(IReadOnlyList<SentenceFeatures> trainFeatures, IReadOnlyList<int[]> gold, int epochs, int seed,
        int minFeatureCount, string version, Action<int, PerceptronModel>? afterEpoch = null)
    {
        var counts = new Dictionary<ulong, int>();
        foreach (var f in trainFeatures)
        {
            foreach (var h in f.Hashes)
            {
                counts[h] = counts.GetValueOrDefault(h) + 1;
            }
        }

        var index = new Dictionary<ulong, int>();
        foreach (var (h, c) in counts.OrderBy(kv => kv.Key))
        {
            if (c >= minFeatureCount)
            {
                index[h] = index.Count;
            }
        }

        log($"{version}: sentences={trainFeatures.Count} features distinct={counts.Count} kept={index.Count} (count >= {minFeatureCount})");
        var rows = trainFeatures.Select(f => ToRows(f, index)).ToList();
        var weights = new float[index.Count * L];
        var accumulated = new double[index.Count * L];
        var transitions = new float[(L + 1) * L];
        var accumulatedTransitions = new double[(L + 1) * L];
        var step = 1.0;
        var random = new Random(seed);
        var order = Enumerable.Range(0, trainFeatures.Count).ToArray();
        PerceptronModel? model = null;
        for (var epoch = 1; epoch <= Math.Max(1, epochs); epoch++)
        {
            random.Shuffle(order);
            var mistakes = 0;
            foreach (var s in order)
            {
                var (offsets, ids) = rows[s];
                var predicted = PerceptronModel.Viterbi(Emissions(offsets, ids, weights), offsets.Length - 1, transitions);
                var g = gold[s];
                if (!predicted.AsSpan().SequenceEqual(g))
                {
                    mistakes++;
                    for (var i = 0; i < g.Length; i++)
                    {
                        if (predicted[i] != g[i])
                        {
                            for (var k = offsets[i]; k < offsets[i + 1]; k++)
                            {
                                Update(weights, accumulated, (ids[k] * L) + g[i], 1, step);
                                Update(weights, accumulated, (ids[k] * L) + predicted[i], -1, step);
                            }
                        }

                        var gPrev = i == 0 ? 0 : g[i - 1] + 1;
                        var pPrev = i == 0 ? 0 : predicted[i - 1] + 1;
                        if (gPrev != pPrev || g[i] != predicted[i])
                        {
                            Update(transitions, accumulatedTransitions, (gPrev * L) + g[i], 1, step);
                            Update(transitions, accumulatedTransitions, (pPrev * L) + predicted[i], -1, step);
                        }
                    }
                }

                step++;
            }

            log($"{version} epoch {epoch}: train sentences with mistakes={mistakes}");
            if (afterEpoch is not null || epoch >= epochs)
            {
                model = new PerceptronModel(index, Average(weights, accumulated, step), Average(transitions, accumulatedTransitions, step), version);
                afterEpoch?.Invoke(epoch, model);
            }
        }

        return model!;
    }

    /// <summary>Features of sentences in document order, each with the context of the document it belongs to.</summary>
    public static List<SentenceFeatures> ExtractAll(FeatureExtractor extractor, IReadOnlyList<LabelledSentence> sentences)
    {
        var result = new SentenceFeatures[sentences.Count];
        var documents = Enumerable.Range(0, sentences.Count).GroupBy(i => sentences[i].Document).Select(g => g.ToList()).ToList();
        Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = 2 }, members =>
        {
            var context = extractor.DocumentContextOf(members.Select(i => sentences[i].Words).ToList());
            foreach (var i in members)
            {
                result[i] = extractor.Extract(sentences[i].Words, context);
            }
        });
        return [.. result];
    }

    private static (int[] Offsets, int[] Ids) ToRows(SentenceFeatures f, Dictionary<ulong, int> index)
    {
        var offsets = new int[f.Offsets.Count];
        var ids = new List<int>(f.Hashes.Count);
        for (var i = 0; i + 1 < f.Offsets.Count; i++)
        {
            offsets[i] = ids.Count;
            for (var k = f.Offsets[i]; k < f.Offsets[i + 1]; k++)
            {
                if (index.TryGetValue(f.Hashes[k], out var row))
                {
                    ids.Add(row);
                }
            }
        }

        offsets[^1] = ids.Count;
        return (offsets, [.. ids]);
    }

    private static float[] Emissions(int[] offsets, int[] ids, float[] weights)
    {
        var n = offsets.Length - 1;
        var emissions = new float[n * L];
        for (var i = 0; i < n; i++)
        {
            var e = emissions.AsSpan(i * L, L);
            for (var k = offsets[i]; k < offsets[i + 1]; k++)
            {
                var w = weights.AsSpan(ids[k] * L, L);
                for (var y = 0; y < L; y++)
                {
                    e[y] += w[y];
                }
            }
        }

        return emissions;
    }

    private static void Update(float[] weights, double[] accumulated, int at, int delta, double step)
    {
        weights[at] += delta;
        accumulated[at] += step * delta;
    }

    private static float[] Average(float[] weights, double[] accumulated, double step)
    {
        var averaged = new float[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            averaged[k] = (float)(weights[k] - (accumulated[k] / step));
        }

        return averaged;
    }
}
