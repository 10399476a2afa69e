namespace MediaMonitor.Measurements;

/// <summary>Nearest-rank percentiles of an ascending array of latencies.</summary>
public static class Percentiles
{
    /// <summary>The value at fraction <paramref name="p"/> (0.5 = median); NaN for no values.</summary>
    public static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
}
