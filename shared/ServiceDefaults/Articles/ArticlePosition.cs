namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// A position in the stable order jobs read articles in: latest fetch time, then id. A job's checkpoint is the last
/// article it processed; the next page starts after it.
/// </summary>
public sealed record ArticlePosition(DateTimeOffset FetchedAt, Guid Id)
{
    public override string ToString() => FetchedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "|" + Id.ToString("D");

    /// <summary>The position a checkpoint string holds, or null for none (the start).</summary>
    public static ArticlePosition? Parse(string? checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint))
        {
            return null;
        }

        var bar = checkpoint.IndexOf('|', StringComparison.Ordinal);
        return bar > 0
            && DateTimeOffset.TryParse(checkpoint[..bar], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            && Guid.TryParse(checkpoint[(bar + 1)..], out var id)
            ? new ArticlePosition(at, id)
            : throw new FormatException($"not an article checkpoint: {checkpoint}");
    }
}
