namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// Which lines of a text are rows of a table (results, prices, standings, a list of scorers): body text however short,
/// which the shape rules of <see cref="BoilerplateFilter"/> would otherwise drop as lines that do not end like a sentence.
/// Templates rarely put numbers on consecutive lines (a date, a copyright year stand alone); results and market tables,
/// the short items most often copied whole, are nothing else.
/// </summary>
public static class ResultsTable
{
    /// <summary>A run of at least this many lines, rows and the lines they go on over, is a table.</summary>
    public const int MinTableRows = 4;

    /// <summary>A table whose rows go on over several lines still has at least this many lines with a number of their own.</summary>
    public const int MinNumberedRows = 2;

    /// <summary>A row goes on over at most this many lines after its first (wire copy wrapped at a fixed width).</summary>
    public const int MaxRowContinuations = 2;

    /// <summary>
    /// Which lines are rows of a table: runs of at least <see cref="MinTableRows"/> lines that are not sentences, each with
    /// a number (<see cref="IsRow"/>) or going on with a ranked row above it (<see cref="IsRowContinuation"/>: "3 - Anton
    /// Drobnjak (Bastia), Miladin" / "Becanovic (Lille), Alain Caveglia (Lyon)"), at least <see cref="MinNumberedRows"/>
    /// of them numbered, not counting the lines known as the site's template. Without the rows that go on over the next
    /// line, a table of scorers wrapped at a fixed width keeps nothing but its heading, and a copy of it on another site
    /// shares nothing with it. Inside a ranked table (its last row starts with a number), one line that is neither, followed
    /// by the next ranked row or by the rest of the open row, does not end the table (a site's "Read more" link, a stock
    /// sentence an edit inserted): it is judged as any other line. A row's label wrapped onto the line of its figures is part
    /// of the row (<paramref name="wrapped"/>). A sentence that mentions a year or a score ends a table:
    /// otherwise a dated byline and a "reading time" line above two such sentences would make a table of four rows, and
    /// the byline would be kept as the article's own text; a byline is no ranked row, so no line lets it join the table below.
    /// </summary>
    /// <param name="wrapped">per line, whether it goes on into the next (a sentence or a row's label wrapped); null when unknown</param>
    public static bool[] Rows(List<ScannedTerm> terms, List<(int Start, int End)> lines, bool[] known, List<bool>? closedLines, bool[]? wrapped = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(known);
        if (wrapped is not null && closedLines is not null)
        {
            // A line that goes on into the next ends as the sentence does: a lead with figures broken before its last words
            // ("... in May, the" / "National Bank of Hungary said on Friday.") is a sentence, not a row, and a dated byline
            // above it does not make a table with it (dedup-minhash-14).
            var effective = new List<bool>(closedLines);
            for (var l = Math.Min(lines.Count, effective.Count) - 2; l >= 0; l--)
            {
                if (wrapped[l])
                {
                    effective[l] = effective[l + 1];
                }
            }

            closedLines = effective;
        }

        var rows = new bool[lines.Count];
        var run = new List<int>();
        var numbered = 0;
        var ranked = false;
        var continued = 0;
        var skipped = -1;

        // Whether line l goes on with the ranked row that ends the run (itself, or the lines it went on over).
        bool GoesOnWithRow(int l) =>
            ranked && continued < MaxRowContinuations && !BoilerplateFilter.IsClosed(closedLines, run[^1])
            && IsRowContinuation(terms, lines[l].Start, lines[l].End, BoilerplateFilter.IsClosed(closedLines, l));

        bool IsRankedRow(int l) =>
            terms[lines[l].Start].IsNumber && IsRow(terms, lines[l].Start, lines[l].End, BoilerplateFilter.IsClosed(closedLines, l));

        for (var line = 0; line <= lines.Count; line++)
        {
            if (line < lines.Count && known[line])
            {
                // The site's known template (a byline with the time, a dated footer) neither makes a row nor ends a table.
                continue;
            }

            if (line < lines.Count && IsRow(terms, lines[line].Start, lines[line].End, BoilerplateFilter.IsClosed(closedLines, line)))
            {
                run.Add(line);
                numbered++;
                ranked = terms[lines[line].Start].IsNumber;
                continued = 0;
                continue;
            }

            if (wrapped is not null && line + 1 < lines.Count && wrapped[line] && !known[line + 1] && !terms[lines[line].Start].IsAllCaps
                && !BoilerplateFilter.HasNumber(terms, lines[line].Start, lines[line].End)
                && IsRow(terms, lines[line + 1].Start, lines[line + 1].End, BoilerplateFilter.IsClosed(closedLines, line + 1)))
            {
                // A row whose label is wrapped onto the line of its figures ("International reserves and" / "other foreign
                // assets 13,256.5 12,855.7"): the label's line is part of the row, not a line that ends the table. A line
                // in capitals is a heading, not a label (dedup-minhash-13).
                run.Add(line);
                continue;
            }

            if (line < lines.Count && run.Count > 0 && (run[^1] == line - 1 || (skipped == line - 1 && run[^1] == line - 2)) && GoesOnWithRow(line))
            {
                run.Add(line);
                continued++;
                continue;
            }

            if (ranked && run[^1] == line - 1 && line + 1 < lines.Count && (IsRankedRow(line + 1) || GoesOnWithRow(line + 1)))
            {
                // One line inside a ranked table: a link or a sentence the site or an edit put there.
                skipped = line;
                continue;
            }

            if (run.Count > 0 && line + 1 < lines.Count && lines[line].End - lines[line].Start < BoilerplateFilter.MinOwnLineTerms
                && IsRow(terms, lines[line + 1].Start, lines[line + 1].End, BoilerplateFilter.IsClosed(closedLines, line + 1)))
            {
                // A heading inside a table ("Division B", "Second day") neither makes a row nor ends the table.
                continue;
            }

            if (run.Count >= MinTableRows && numbered >= MinNumberedRows)
            {
                run.ForEach(r => rows[r] = true);
            }

            run.Clear();
            numbered = 0;
            ranked = false;
            continued = 0;
        }

        return rows;
    }

    /// <summary>
    /// Whether a line can be a row of a table: it carries a number and is made of figures (<see cref="BoilerplateFilter.IsFigures"/>)
    /// or is not a sentence (shorter than <see cref="BoilerplateFilter.MinLineTerms"/> or not ending like one).
    /// </summary>
    public static bool IsRow(List<ScannedTerm> terms, int start, int end, bool closed) =>
        BoilerplateFilter.HasNumber(terms, start, end) && (BoilerplateFilter.IsFigures(terms, start, end) || !closed || end - start < BoilerplateFilter.MinLineTerms);

    /// <summary>
    /// Whether a line can go on with a ranked row that does not end on the line above (which the caller checks): it has
    /// no number, starts with a capital or a bracket (a lower-case start is a wrapped sentence), is not a sentence of its
    /// own and is made of names (<see cref="BoilerplateFilter.IsNames"/>), so a tag line or a related headline after the
    /// table does not join it.
    /// </summary>
    public static bool IsRowContinuation(List<ScannedTerm> terms, int start, int end, bool closed)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return end - start >= 2 && !BoilerplateFilter.HasNumber(terms, start, end) && !terms[start].IsLowerCase
            && (!closed || end - start < BoilerplateFilter.MinLineTerms) && BoilerplateFilter.IsNames(terms, start, end);
    }
}
