namespace MediaMonitor.ServiceDefaults.Articles;

/// <summary>
/// An article record's search vector in PostgreSQL's tsvector binary form, as <see cref="ArticleRebuild"/> COPYs it.
/// </summary>
internal static class SearchVectorBinary
{
    /// <summary>
    /// The record's <see cref="ArticleRecord.SearchVector"/> in tsvector's binary form (the lexeme count, then each lexeme
    /// NUL-terminated, its position count and its positions), copied as raw bytes that the server reads with the column's
    /// own receive function. Sorted bytewise (the server's order), a lexeme given twice written once with the union of its
    /// positions, as the text input makes them on the live path (every token is plain ASCII:
    /// <see cref="Text.Querying.SearchTokens.Of"/>; positions ascend within an entry and stay under 16,384:
    /// <see cref="Text.Querying.SearchTokens.ForText"/>). Npgsql's NpgsqlTsVector would parse and sort the same lexemes
    /// with a comparison delegate: half of the fold's CPU, measured.
    /// </summary>
    /// <remarks>
    /// Also gives the row's <c>entity_only</c> (<see cref="ArticleSearchVectors"/>) in the same form: the lexemes of the
    /// entity terms that the text terms lack, without positions, as <c>ts_delete(entities, text lexemes)</c> makes it on
    /// the live path. The record's text terms must be known (a record folded from its stream's start).
    /// </remarks>
    internal static (byte[] Vector, byte[] EntityOnly) Of(ArticleRecord record)
    {
        var text = record.TextTerms ?? throw new InvalidOperationException($"the text terms of article {record.Id} are not known");
        // The entries of both term strings as spans (no splitting into strings), sorted by lexeme; each run of equal
        // lexemes then written once, with its positions parsed straight from the text form.
        var entries = new List<VectorEntry>(512);
        var size = 4;
        Entries(text, entries, ref size, fromEntities: false);
        var textSize = size;
        Entries(record.EntityTerms, entries, ref size, fromEntities: true);
        var sorted = entries.ToArray();
        Array.Sort(sorted, static (a, b) => a.Lexeme.Span.SequenceCompareTo(b.Lexeme.Span));
        var bytes = new byte[size];
        // At most the entity terms' lexemes, each NUL-terminated with a zero position count.
        var only = new byte[4 + size - textSize];
        var onlyAt = 4;
        var onlyCount = 0;
        var at = 4;
        var count = 0;
        var merged = new List<ushort>();
        for (var i = 0; i < sorted.Length;)
        {
            var lexeme = sorted[i].Lexeme.Span;
            var j = i + 1;
            var entitiesOnly = sorted[i].FromEntities;
            while (j < sorted.Length && sorted[j].Lexeme.Span.SequenceEqual(lexeme))
            {
                entitiesOnly &= sorted[j].FromEntities;
                j++;
            }

            if (entitiesOnly)
            {
                onlyAt += System.Text.Encoding.ASCII.GetBytes(lexeme, only.AsSpan(onlyAt));
                only[onlyAt] = 0;
                only[onlyAt + 1] = 0;
                only[onlyAt + 2] = 0;
                onlyAt += 3;
                onlyCount++;
            }

            at += System.Text.Encoding.ASCII.GetBytes(lexeme, bytes.AsSpan(at));
            bytes[at++] = 0;
            var counted = at;
            at += 2;
            int written;
            if (j == i + 1)
            {
                written = WritePositions(sorted[i].Positions.Span, bytes, ref at);
            }
            else
            {
                // A lexeme given twice (a text token also an entity's): the union of its positions, ascending, each once.
                merged.Clear();
                for (var k = i; k < j; k++)
                {
                    foreach (var range in sorted[k].Positions.Span.Split(','))
                    {
                        var digits = sorted[k].Positions.Span[range];
                        if (!digits.IsEmpty)
                        {
                            merged.Add(ushort.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                }

                merged.Sort();
                written = 0;
                for (var k = 0; k < merged.Count; k++)
                {
                    if (k == 0 || merged[k] != merged[k - 1])
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), merged[k]);
                        at += 2;
                        written++;
                    }
                }
            }

            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(counted), (ushort)written);
            count++;
            i = j;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, count);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(only, onlyCount);
        return (at == bytes.Length ? bytes : bytes[..at], onlyAt == only.Length ? only : only[..onlyAt]);
    }

    /// <summary>
    /// Adds the entries of a vector's text form ("lexeme" or "lexeme:1,5,9", space-separated) and to
    /// <paramref name="size"/> the most bytes they take in binary form (lexeme, NUL, count, two bytes a position).
    /// </summary>
    private static void Entries(string terms, List<VectorEntry> entries, ref int size, bool fromEntities)
    {
        var memory = terms.AsMemory();
        var text = memory.Span;
        for (var start = 0; start < text.Length;)
        {
            var end = text[start..].IndexOf(' ');
            end = end < 0 ? text.Length : start + end;
            if (end > start)
            {
                var colon = text[start..end].IndexOf(':');
                var lexeme = colon < 0 ? memory[start..end] : memory[start..(start + colon)];
                var positions = colon < 0 ? ReadOnlyMemory<char>.Empty : memory[(start + colon + 1)..end];
                entries.Add(new VectorEntry(lexeme, positions, fromEntities));
                size += lexeme.Length + 3 + (positions.IsEmpty ? 0 : 2 * (positions.Span.Count(',') + 1));
            }

            start = end + 1;
        }
    }

    /// <summary>Writes the positions of one entry ("1,5,9", ascending) as big-endian 16-bit values; returns how many.</summary>
    private static int WritePositions(ReadOnlySpan<char> positions, byte[] bytes, ref int at)
    {
        var written = 0;
        var value = 0;
        var digits = false;
        foreach (var c in positions)
        {
            if (c == ',')
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)value);
                (at, written, value, digits) = (at + 2, written + 1, 0, false);
            }
            else
            {
                value = (value * 10) + (c - '0');
                digits = true;
            }
        }

        if (digits)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)value);
            (at, written) = (at + 2, written + 1);
        }

        return written;
    }

    /// <summary>One entry of a vector's text form: its lexeme, its positions' text (empty: none) and whether the entity terms gave it.</summary>
    private readonly record struct VectorEntry(ReadOnlyMemory<char> Lexeme, ReadOnlyMemory<char> Positions, bool FromEntities);
}
