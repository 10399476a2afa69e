namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// Drops what outlets wrap around a story before it is fingerprinted. By shape, on any site: short lines (bylines,
/// "Leave a comment", share buttons), breadcrumb and menu lines (separated by | or »), lines that do not end like a
/// sentence (navigation without separators, related-story headlines, tag lines, link lists), lines that only repeat the
/// headline, and a leading dateline ("LONDON, Jan 3 (Wire) - "). By repetition: lines the site has carried on the pages of
/// other stories (learned by <see cref="SiteBoilerplate"/>), however long and sentence-like (cookie and subscribe notices).
/// A short item keeps only its own lines even when the template is larger than it; when the shape rules leave too little
/// to fingerprint, every line of a few words that is not known boilerplate is kept instead, never the known template.
/// </summary>
public static class BoilerplateFilter
{

    public const int MinLineTerms = 10;
    public const int MaxDatelineTerms = 10;

    /// <summary>When the shape rules leave too little: the shortest line still taken as the article's own (menus are shorter).</summary>
    public const int MinOwnLineTerms = 3;

    /// <summary>A line this long is body text even when it does not end like a sentence (a paragraph cut off, a list item).</summary>
    public const int MaxOpenLineTerms = 25;

    public static void Apply(List<ScannedTerm> terms, List<ScannedTerm> title, List<ScannedTerm> into) => Apply(terms, title, into, null, null, null, null);

    /// <param name="terms">the text's terms; the first term of a line that goes on with the sentence of the line before loses its sentence start</param>
    /// <param name="title">the headline's terms</param>
    /// <param name="into">receives the terms kept</param>
    /// <param name="closedLines">per line with terms, whether it ends like a sentence (from <see cref="TermScanner.Scan(string, List{ScannedTerm}, List{bool})"/>); null when unknown</param>
    /// <param name="learned">whether a line key is the site's known boilerplate; null when nothing is known</param>
    /// <param name="lineKeys">receives the key of every line (<see cref="LineKey"/>), for learning</param>
    /// <param name="siteName">the terms of the site's own name, left out of line keys (<see cref="SiteBoilerplate.NameTerms"/>); null when unknown</param>
    public static void Apply(
        List<ScannedTerm> terms, List<ScannedTerm> title, List<ScannedTerm> into, List<bool>? closedLines, Func<ulong, bool>? learned, List<ulong>? lineKeys,
        IReadOnlySet<ulong>? siteName)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lineKeys?.Clear();
        var lines = Lines(terms);
        var keys = new ulong[lines.Count];
        var known = new bool[lines.Count];
        for (var line = 0; line < lines.Count; line++)
        {
            keys[line] = LineKey(terms, lines[line].Start, lines[line].End, siteName);
            known[line] = learned is not null && learned(keys[line]);
        }

        var wrapped = WrappedLines(terms, lines, closedLines);
        for (var line = 0; line + 1 < lines.Count; line++)
        {
            if (wrapped[line])
            {
                // The line break inside a wrapped sentence is no sentence break: a copy printed on one line, or wrapped at
                // another width, has the same sentence (dedup-minhash-14).
                var next = lines[line + 1].Start;
                terms[next] = terms[next] with { Flags = terms[next].Flags & ~TermFlags.StartsSentence };
            }
        }

        var table = ResultsTable.Rows(terms, lines, known, closedLines, wrapped);
        for (var line = 0; line < lines.Count; line++)
        {
            var (start, end) = lines[line];
            lineKeys?.Add(keys[line]);
            if (known[line] || IsLinkList(terms, start, end))
            {
                continue;
            }

            if (table[line])
            {
                // A row of a results table or a list of figures: body text, however short.
                if (end - start >= MinOwnLineTerms)
                {
                    KeepBody(terms, start, end, into);
                }

                continue;
            }

            // A sentence wrapped over several lines is judged whole (its last line says whether it ends like one).
            var last = line;
            while (wrapped[last] && last + 1 < lines.Count && !table[last + 1] && !known[last + 1])
            {
                last++;
                lineKeys?.Add(keys[last]);
            }

            AddLine(terms, start, lines[last].End, title, into, IsClosed(closedLines, last));
            line = last;
        }

        if (into.Count < ArticleFingerprint.MinTermsForNearDuplicates)
        {
            // Too little passed the shape rules (a list of short lines): keep every line of at least MinOwnLineTerms terms
            // that is not the site's known boilerplate nor a link list, and the table rows the shape rules kept (a short
            // results item's rows are its text, dedup-minhash-13). Never the known template: two short items of one
            // site would otherwise be judged copies of each other by their shared template. When even that is too little,
            // the fingerprint is exact-only (Fingerprinter).
            into.Clear();
            for (var line = 0; line < lines.Count; line++)
            {
                var start = lines[line].Start;
                var last = line;
                while (wrapped[last] && last + 1 < lines.Count)
                {
                    last++;
                }

                var end = lines[last].End;
                if (end - start >= MinOwnLineTerms && ((IsClosed(closedLines, last) && HasNumber(terms, start, end)) || end - start >= MinLineTerms || table[line]) && !IsLinkList(terms, start, end))
                {
                    for (var l = line; l <= last; l++)
                    {
                        if (!known[l])
                        {
                            KeepBody(terms, lines[l].Start, lines[l].End, into);
                        }
                    }
                }

                line = last;
            }
        }
    }

    internal static bool IsClosed(List<bool>? closedLines, int line) => closedLines is null || line >= closedLines.Count || closedLines[line];

    /// <summary>
    /// Which lines carry on into the next one: the line does not end like a sentence and the next begins with a lower-case
    /// word (text wrapped at a fixed width, wire copy broken mid-sentence), or the line ends on a word no sentence ends on
    /// ("in May, the" / "National Bank of Hungary said on Friday.": the next line may begin with a name, dedup-minhash-12).
    /// Headlines and link lists start with capitals and end on a word of their own.
    /// </summary>
    private static bool[] WrappedLines(List<ScannedTerm> terms, List<(int Start, int End)> lines, List<bool>? closedLines)
    {
        var wrapped = new bool[lines.Count];
        for (var line = 0; line + 1 < lines.Count; line++)
        {
            wrapped[line] = !IsClosed(closedLines, line)
                && (terms[lines[line + 1].Start].IsLowerCase || OpenEndings.Contains(terms[lines[line].End - 1].Hash));
        }

        return wrapped;
    }

    /// <summary>Words a sentence, a headline or a menu entry does not end on ("Who we are", "Log in" and "Posted by" do).</summary>
    private static readonly HashSet<ulong> OpenEndings = [.. new[] { "the", "a", "an", "of", "and", "or", "but", "with", "from" }.Select(TermScanner.HashTerm)];

    private static List<(int Start, int End)> Lines(List<ScannedTerm> terms)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 1; i <= terms.Count; i++)
        {
            if (i < terms.Count && !terms[i].StartsLine)
            {
                continue;
            }

            lines.Add((start, i));
            start = i;
        }

        return lines;
    }

    internal static bool HasNumber(List<ScannedTerm> terms, int start, int end)
    {
        for (var j = start; j < end; j++)
        {
            if (terms[j].IsNumber)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A menu or a related-stories line on any site: at least two separators (| » › • · :: /, or a free-standing dash after
    /// a sentence's end: "Read also: One headline. - Another headline. - A third.") between short segments, or words
    /// between free-standing dashes ("News - Sport - Culture"; 3+ such dashes between words, <see cref="MaxDashedLinkTerms"/>).
    /// Prose has a dash or two between long stretches.
    /// </summary>
    public static bool IsLinkList(List<ScannedTerm> terms, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var boundaries = 0;
        var dashes = 0;
        var wordDashes = 0;
        for (var j = start + 1; j < end; j++)
        {
            if (terms[j].AfterSeparator || (terms[j].AfterDash && terms[j].StartsSentence))
            {
                boundaries++;
            }
            else if (terms[j].AfterDash)
            {
                dashes++;
            }

            if (terms[j].AfterDash && !terms[j].IsNumber && !terms[j - 1].IsNumber)
            {
                wordDashes++;
            }
        }

        var length = end - start;
        return (boundaries >= 2 && length <= MaxLinkTerms * (boundaries + 1)) || (boundaries + dashes >= 2 && length <= 2 * (boundaries + dashes + 1))
            || (wordDashes >= 3 && length <= MaxDashedLinkTerms * (wordDashes + 1));
    }

    /// <summary>
    /// The longest the entries of a list between free-standing dashes are on average, with 3+ such dashes between words
    /// ("Latest headlines: A. - Adrian Warner - Hassan Hafidh - Iran says ..."): prose has a dash or two between long
    /// stretches, and a dash beside a number is a rank or a score ("3 - Wayne Ferreira beat 7 - Todd Martin"), not a link
    /// list's (dedup-minhash-15).
    /// </summary>
    public const int MaxDashedLinkTerms = 6;

    /// <summary>The longest a link list's entries are on average (a headline); prose between separators runs longer.</summary>
    public const int MaxLinkTerms = 15;

    private static void Keep(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> into)
    {
        for (var j = start; j < end; j++)
        {
            into.Add(terms[j]);
        }
    }

    /// <summary>
    /// A line's identity across pages: the hash of its words without its numbers, so a dated byline and a page counter
    /// stay the same line. Words only, case and punctuation folded. A line of figures (<see cref="IsFigures"/>: a results
    /// row, a price, a ranking) is identified by its figures too: without them "Amount $0.69 $0.69" or "3 - Anto Drobnjak
    /// (Bastia)" is the same line every day, and one day's table would be learned as the template of the next.
    /// The site's own name is left out (<paramref name="siteName"/>), so one template served under many outlets' names
    /// ("Download the Herald app", "Download the Gazette app") is one line and is learned across sites. Its lowest bit
    /// says whether the line is made of names or figures (<see cref="IsOfNames"/>).
    /// </summary>
    public static ulong LineKey(List<ScannedTerm> terms, int start, int end, IReadOnlySet<ulong>? siteName = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var figures = IsFigures(terms, start, end);
        var h = 0x452821E638D01377UL;
        for (var j = start; j < end; j++)
        {
            if ((figures || !terms[j].IsNumber) && (siteName is null || !siteName.Contains(terms[j].Hash)))
            {
                h = Hashing.Combine(h, terms[j].Hash);
            }
        }

        return (figures || IsNames(terms, start, end, siteName)) && end - start >= MinOwnLineTerms ? h | 1UL : h & ~1UL;
    }

    /// <summary>
    /// Whether the line of a key (<see cref="LineKey"/>) is made of names or figures (<see cref="IsNames"/>, <see cref="IsFigures"/>):
    /// a row of a table, a list of people or places. Such a line on pages of several stories is one story's text copied
    /// (the same names, the same figures), not a publishing platform's template, which is made of words.
    /// </summary>
    public static bool IsOfNames(ulong lineKey) => (lineKey & 1UL) != 0;

    /// <summary>
    /// Whether at least two of a line's words after its first, and two thirds of them, leaving out function words and the
    /// site's own name, are capitalized or figures: names of people, teams, places ("Becanovic (Lille), Alain Caveglia (Lyon)").
    /// Words in capitals are not names: a headline in capitals is a related story's link, a template's line.
    /// </summary>
    public static bool IsNames(List<ScannedTerm> terms, int start, int end, IReadOnlySet<ulong>? siteName = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var words = 0;
        var names = 0;
        for (var j = start + 1; j < end; j++)
        {
            if (terms[j].IsStop || (siteName is not null && siteName.Contains(terms[j].Hash)))
            {
                continue;
            }

            words++;
            names += terms[j].IsLowerCase || terms[j].IsAllCaps ? 0 : 1;
        }

        return names >= 2 && names * 3 >= words * 2;
    }

    /// <summary>
    /// Whether a line is made of figures: it starts with a number (a rank, a score) or at least a third of its terms are
    /// numbers. Template lines carry a number among words ("Join 40,000 readers", "Posted on May 3, 2005 by").
    /// </summary>
    public static bool IsFigures(List<ScannedTerm> terms, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (start >= end)
        {
            return false;
        }

        var numbers = 0;
        for (var j = start; j < end; j++)
        {
            numbers += terms[j].IsNumber ? 1 : 0;
        }

        return terms[start].IsNumber || numbers * 3 >= end - start;
    }

    private static void AddLine(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> title, List<ScannedTerm> into, bool closed)
    {
        var length = end - start;
        if (length < MinLineTerms
            || (!closed && length < MaxOpenLineTerms)
            || (length < 30 && HasSeparator(terms, start, end))
            || (length <= title.Count + 15 && Contains(terms, start, end, title)))
        {
            return;
        }

        KeepBody(terms, start, end, into);
    }

    /// <summary>A dateline is looked for at the start of the first this many lines kept (a leftover of the template may come first).</summary>
    public const int MaxLinesBeforeDateline = 3;

    /// <summary>
    /// Keeps a line of the article's own text; one of the first lines kept loses its leading dateline, whichever rule kept
    /// it, so a template line the site is not yet known to carry (a related headline before the story) does not keep it.
    /// </summary>
    private static void KeepBody(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> into)
    {
        if (FewLinesKept(into))
        {
            // A republished wire story carries the republisher's dateline before the wire's own: both go.
            var from = start;
            while (AfterDateline(terms, from, end) is var k && k > from)
            {
                from = k;
            }

            if (from > start)
            {
                into.Add(terms[from] with { Flags = terms[from].Flags | TermFlags.StartsSentence | TermFlags.StartsLine });
                start = from + 1;
            }
        }

        Keep(terms, start, end, into);
    }

    private static bool FewLinesKept(List<ScannedTerm> into)
    {
        var lines = 0;
        foreach (var t in into)
        {
            if (t.StartsLine && ++lines >= MaxLinesBeforeDateline)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the text after a leading dateline ("LONDON, Jan 3 (Wire) - ") starts; <paramref name="start"/> when there is none.</summary>
    private static int AfterDateline(List<ScannedTerm> terms, int start, int end)
    {
        if (start >= end || !terms[start].IsAllCaps)
        {
            return start;
        }

        for (var k = start + 1; k < Math.Min(end, start + MaxDatelineTerms); k++)
        {
            if (terms[k].AfterDash)
            {
                return k;
            }
        }

        return start;
    }

    private static bool HasSeparator(List<ScannedTerm> terms, int start, int end)
    {
        for (var j = start + 1; j < end; j++)
        {
            if (terms[j].AfterSeparator)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> title)
    {
        if (title.Count < 3)
        {
            return false;
        }

        for (var i = start; i + title.Count <= end; i++)
        {
            var j = 0;
            while (j < title.Count && terms[i + j].Hash == title[j].Hash)
            {
                j++;
            }

            if (j == title.Count)
            {
                return true;
            }
        }

        return false;
    }
}
