namespace MediaMonitor.EntityTagging.Model;

/// <summary>One labelled sentence: words, gold IOB tags, and the document it belongs to (for document features).</summary>
public sealed record LabelledSentence(IReadOnlyList<string> Words, IReadOnlyList<string> Tags, int Document = 0);

/// <summary>
/// How one perceptron is trained: epochs, shuffle seed, feature count cut-off, and the generalisation aids chosen by
/// cross-validation: <paramref name="Margin"/> (loss-augmented decoding), <paramref name="Dropout"/> (share of features
/// hidden at each step) and <paramref name="Ensemble"/> (perceptrons trained on different shuffles, weights averaged).
/// </summary>
public sealed record PerceptronSettings(int Epochs, int Seed, int MinCount, float Margin = 0, double Dropout = 0, int Ensemble = 1);

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
        int minFeatureCount, string version, Action<int, PerceptronModel>? afterEpoch = null) =>
        Train(trainFeatures, gold, new PerceptronSettings(epochs, seed, minFeatureCount), version, afterEpoch);

    /// <param name="afterEpoch">Called with each epoch's averaged model (for learning curves on held-out data; never to pick one).</param>
    public PerceptronModel Train(IReadOnlyList<SentenceFeatures> trainFeatures, IReadOnlyList<int[]> gold, PerceptronSettings settings,
        string version, Action<int, PerceptronModel>? afterEpoch = null)
    {
        var (epochs, seed, minFeatureCount) = (settings.Epochs, settings.Seed, settings.MinCount);
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
        var members = Enumerable.Range(0, Math.Max(1, settings.Ensemble))
            .Select(m => new Member(index.Count, new Random(seed + (m * 7919)), trainFeatures.Count)).ToList();
        var step = 1.0;
        PerceptronModel? model = null;
        for (var epoch = 1; epoch <= Math.Max(1, epochs); epoch++)
        {
            var mistakes = 0;
            foreach (var member in members)
            {
                member.Random.Shuffle(member.Order);
            }

            for (var t = 0; t < trainFeatures.Count; t++)
            {
                foreach (var member in members)
                {
                    var s = member.Order[t];
                    mistakes += member.Learn(rows[s].Offsets, rows[s].Ids, gold[s], settings, step) ? 0 : 1;
                }

                step++;
            }

            log($"{version} epoch {epoch}: train sentences with mistakes={mistakes / members.Count}");
            if (afterEpoch is not null || epoch >= epochs)
            {
                model = new PerceptronModel(index, Mean(members.Select(m => Average(m.Weights, m.Accumulated, step))),
                    Mean(members.Select(m => Average(m.Transitions, m.AccumulatedTransitions, step))), version);
                afterEpoch?.Invoke(epoch, model);
            }
        }

        return model!;
    }

    private static float[] Mean(IEnumerable<float[]> vectors)
    {
        var all = vectors.ToList();
        if (all.Count == 1)
        {
            return all[0];
        }

        var mean = new float[all[0].Length];
        foreach (var v in all)
        {
            for (var k = 0; k < mean.Length; k++)
            {
                mean[k] += v[k] / all.Count;
            }
        }

        return mean;
    }

    /// <summary>One perceptron of the ensemble: its own weights, running sums for averaging, and its own shuffle.</summary>
    private sealed class Member(int features, Random random, int sentences)
    {
        public float[] Weights { get; } = new float[features * L];

        public double[] Accumulated { get; } = new double[features * L];

        public float[] Transitions { get; } = new float[(L + 1) * L];

        public double[] AccumulatedTransitions { get; } = new double[(L + 1) * L];

        public Random Random { get; } = random;

        public int[] Order { get; } = Enumerable.Range(0, sentences).ToArray();

        /// <summary>One perceptron step on one sentence; true when it was already decoded right.</summary>
        public bool Learn(int[] offsets, int[] ids, int[] g, PerceptronSettings settings, double step)
        {
            var active = ids;
            if (settings.Dropout > 0)
            {
                // Feature dropout: this step sees a random subset, so no single feature can carry a decision alone.
                active = new int[ids.Length];
                for (var k = 0; k < ids.Length; k++)
                {
                    active[k] = Random.NextDouble() < settings.Dropout ? -1 : ids[k];
                }
            }

            var emissions = Emissions(offsets, active, Weights);
            if (settings.Margin > 0)
            {
                // Loss-augmented decoding: every wrong label gets a head start, so updates continue until gold wins by a margin.
                for (var i = 0; i < g.Length; i++)
                {
                    for (var y = 0; y < L; y++)
                    {
                        emissions[(i * L) + y] += y == g[i] ? 0 : settings.Margin;
                    }
                }
            }

            var predicted = PerceptronModel.Viterbi(emissions, offsets.Length - 1, Transitions);
            if (predicted.AsSpan().SequenceEqual(g))
            {
                return true;
            }

            for (var i = 0; i < g.Length; i++)
            {
                if (predicted[i] != g[i])
                {
                    for (var k = offsets[i]; k < offsets[i + 1]; k++)
                    {
                        if (active[k] >= 0)
                        {
                            Update(Weights, Accumulated, (active[k] * L) + g[i], 1, step);
                            Update(Weights, Accumulated, (active[k] * L) + predicted[i], -1, step);
                        }
                    }
                }

                var gPrev = i == 0 ? 0 : g[i - 1] + 1;
                var pPrev = i == 0 ? 0 : predicted[i - 1] + 1;
                if (gPrev != pPrev || g[i] != predicted[i])
                {
                    Update(Transitions, AccumulatedTransitions, (gPrev * L) + g[i], 1, step);
                    Update(Transitions, AccumulatedTransitions, (pPrev * L) + predicted[i], -1, step);
                }
            }

            return false;
        }
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
                if (ids[k] < 0)
                {
                    continue;
                }

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
