using System.Text;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// Finds the article body: removes furniture, scores containers by the paragraphs they hold (length, commas, link
/// density, class names, after Readability's heuristics), keeps the best one, its related siblings and the rest of a
/// split article, drops short link teasers inside it, and renders it as paragraphs separated by blank lines. Every walk is iterative, so deeply nested pages cannot exhaust the stack.
/// </summary>
/// <summary>How hard a pass strips: Readability's retry ladder when a strict pass finds too little text.</summary>
internal enum ExtractionPass
{
    Strict = 0,
    KeepUnlikelyClasses = 1,
    Lenient = 2,
}

internal static class MainTextExtractor
{
    /// <summary>How many levels above the chosen block the rest of a split article is looked for.</summary>
    private const int SplitPartReach = 5;

    private const int MaxTeaserLength = 150;

    private const double TeaserLinkDensity = 0.6;

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
        "table", "tr", "td", "th", "figure", "figcaption", "dd", "dt", "dl", "header", "address", "details", "summary", "hr",
    };

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase) { "p", "pre", "td", "blockquote" };

    public static string Extract(IElement body, string? title, ExtractionPass pass = ExtractionPass.Strict, string? byline = null)
    {
        RemoveBoilerplate(body, pass);
        var scores = ScoreCandidates(body);
        var top = scores.Count == 0 ? body : PickTop(body, scores);
        var topScore = scores.TryGetValue(top, out var s) ? s * (1 - LinkDensity(top)) : 0;

        var chosen = new List<IElement>();
        if (top.ParentElement is { } parent && top != body)
        {
            var threshold = Math.Max(10, topScore * 0.2);
            foreach (var sibling in parent.Children)
            {
                if (sibling == top || (scores.TryGetValue(sibling, out var ss) && ss * (1 - LinkDensity(sibling)) >= threshold)
                    || (sibling.LocalName == "p" && IsProse(sibling)) || IsContinuation(sibling, top))
                {
                    chosen.Add(sibling);
                }
            }
        }
        else
        {
            chosen.Add(top);
        }

        if (top != body)
        {
            AddSplitParts(chosen, top, body);
        }

        if (pass != ExtractionPass.Lenient)
        {
            foreach (var element in chosen)
            {
                CleanConditionally(element);
                RemoveLinkTeasers(element);
            }
        }

        var blocks = chosen.SelectMany(Render).Where(b => !BoilerplateRules.IsFurnitureLine(b) && !ArticleFurniture.IsFurnitureLine(b, byline)).ToList();
        if (blocks.Count > 0 && title is not null && string.Equals(blocks[0], title.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            blocks.RemoveAt(0);
        }

        if (top != body && (Standfirst.Find(top) ?? Standfirst.AfterHeadline(top, byline)) is { } standfirst && !blocks.Any(b => b.Contains(standfirst, StringComparison.Ordinal)))
        {
            blocks.Insert(0, standfirst);
        }

        return string.Join("\n\n", blocks);
    }

    internal static void RemoveBoilerplate(IElement root, ExtractionPass pass)
    {
        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            if (element.Parent is not null && BoilerplateRules.IsBoilerplate(element, byClassName: pass == ExtractionPass.Strict))
            {
                element.Remove();
            }
        }

        if (pass != ExtractionPass.Lenient)
        {
            ArticleFurniture.RemoveRelatedSections(root);
            FigureCaptions.Remove(root);
        }
    }

    private static Dictionary<IElement, double> ScoreCandidates(IElement root)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var element in root.QuerySelectorAll("p, pre, td, blockquote, div, section, li"))
        {
            if (!ParagraphTags.Contains(element.LocalName) && element.Children.Any(c => BlockTags.Contains(c.LocalName)))
            {
                continue;
            }

            var text = Normalize(element.TextContent);
            if (text.Length < 25)
            {
                continue;
            }

            var score = 1 + text.Count(c => c is ',' or '，' or '、') + Math.Min(text.Length / 100, 3);
            var ancestor = element.ParentElement;
            for (var level = 0; ancestor is not null && level < 5; level++, ancestor = ancestor.ParentElement)
            {
                if (!scores.ContainsKey(ancestor))
                {
                    scores[ancestor] = InitialScore(ancestor);
                }

                scores[ancestor] += level switch { 0 => score, 1 => score / 2.0, _ => score / (level * 3.0) };
            }
        }

        return scores;
    }

    /// <summary>
    /// The best-scoring container, then moved up (as Readability does) when the runners-up sit under a common ancestor,
    /// when a parent scores higher, or when it is an only child; article text split across several blocks stays whole.
    /// </summary>
    private static IElement PickTop(IElement body, Dictionary<IElement, double> scores)
    {
        var ranked = scores.Select(kv => (Element: kv.Key, Score: kv.Value * (1 - LinkDensity(kv.Key))))
            .OrderByDescending(c => c.Score).Take(5).ToList();
        var (top, topScore) = ranked[0];
        var alternatives = ranked.Skip(1).Where(c => topScore > 0 && c.Score / topScore >= 0.75).Select(c => c.Element).ToList();
        if (alternatives.Count >= 3)
        {
            for (var ancestor = top.ParentElement; ancestor is not null && ancestor != body; ancestor = ancestor.ParentElement)
            {
                if (alternatives.Count(a => ancestor.Contains(a)) >= 3)
                {
                    top = ancestor;
                    break;
                }
            }
        }

        var lastScore = scores.GetValueOrDefault(top, topScore);
        var threshold = lastScore / 3;
        for (var parent = top.ParentElement; parent is not null && parent != body; parent = parent.ParentElement)
        {
            if (!scores.TryGetValue(parent, out var parentScore))
            {
                continue;
            }

            if (parentScore < threshold)
            {
                break;
            }

            if (parentScore > lastScore)
            {
                top = parent;
                break;
            }

            lastScore = parentScore;
        }

        while (top.ParentElement is { } only && only != body && only.Children.Length == 1)
        {
            top = only;
        }

        return top;
    }

    private static double InitialScore(IElement element) => BoilerplateRules.ClassWeight(element) + element.LocalName switch
    {
        "div" or "article" or "main" => 5,
        "pre" or "td" or "blockquote" => 3,
        "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
        _ => 0,
    };

    private static void CleanConditionally(IElement root)
    {
        var containers = root.QuerySelectorAll("ul, ol, div, section, table, dl").Reverse().ToList();
        foreach (var element in containers)
        {
            if (element.Parent is null)
            {
                continue;
            }

            var text = Normalize(element.TextContent);
            if (text.Count(c => c == ',') >= 10)
            {
                continue;
            }

            var weight = BoilerplateRules.ClassWeight(element);
            var density = LinkDensity(element);
            var paragraphs = element.QuerySelectorAll("p").Length;
            var images = element.QuerySelectorAll("img").Length;
            var items = element.QuerySelectorAll("li").Length;
            var isList = element.LocalName is "ul" or "ol";
            var remove = weight < 0
                || (isList ? density > 0.5 && !HasProseItems(element) : (weight < 25 && density > 0.33) || density > 0.5)
                || (element.LocalName is not ("ul" or "ol") && items > paragraphs + 2 && density > 0.2)
                || (text.Length < 25 && images == 0 && paragraphs == 0 && element.LocalName is "ul" or "ol" or "table" or "dl");
            if (remove)
            {
                element.Remove();
            }
        }
    }

    /// <summary>
    /// A list whose items are sentences with links in them (a link round-up, notes, references) is content; a list of
    /// bare links (related stories, navigation) is not.
    /// </summary>
    private static bool HasProseItems(IElement list)
    {
        var items = list.Children.Where(c => c.LocalName == "li").ToList();
        if (items.Count == 0)
        {
            return false;
        }

        var prose = items.Count(li => Normalize(li.TextContent) is { Length: >= 60 } text && LinkDensity(li) < 0.8 && text.Split(' ').Length >= 8);
        return prose * 2 >= items.Count;
    }

    /// <summary>
    /// An article split into several blocks of one kind (same tag and class as the chosen block, between figures or
    /// ads) whose paragraphs may sit deeper than scoring reaches: such a block with prose and few links belongs to it.
    /// </summary>
    private static bool IsContinuation(IElement sibling, IElement top) =>
        !string.IsNullOrWhiteSpace(top.ClassName) && sibling.LocalName == top.LocalName && sibling.ClassName == top.ClassName
        && LinkDensity(sibling) < 0.25 && sibling.QuerySelectorAll("p").Any(IsProse);

    /// <summary>
    /// An article that a page builder splits into text blocks in separate rows and columns (cousins, not siblings, of
    /// the chosen block): blocks of the chosen block's tag and class within its nearest ancestors, holding prose with
    /// few links, are the rest of it, kept in document order.
    /// </summary>
    private static void AddSplitParts(List<IElement> chosen, IElement top, IElement body)
    {
        if (string.IsNullOrWhiteSpace(top.ClassName))
        {
            return;
        }

        var scope = top.ParentElement;
        for (var level = 0; level < SplitPartReach && scope?.ParentElement is { } up && up != body; level++)
        {
            scope = up;
        }

        if (scope is null)
        {
            return;
        }

        var added = false;
        foreach (var part in scope.QuerySelectorAll(top.LocalName))
        {
            if (part.ClassName == top.ClassName && !chosen.Any(c => c.Contains(part) || part.Contains(c)) && IsContinuation(part, top))
            {
                chosen.Add(part);
                added = true;
            }
        }

        if (added)
        {
            chosen.Sort((a, b) => a == b ? 0 : a.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following) ? -1 : 1);
        }
    }

    /// <summary>
    /// A short paragraph or heading inside the body that is mostly one link ("Lesen Sie auch: ...", "Mire: ...", another
    /// story's headline between two paragraphs) points away from the article: a reader skips it, and so does the text.
    /// </summary>
    private static void RemoveLinkTeasers(IElement root)
    {
        foreach (var block in root.QuerySelectorAll("p, h2, h3, h4, h5, h6").ToList())
        {
            var text = Normalize(block.TextContent);
            if (block.Parent is not null && text.Length is > 0 and < MaxTeaserLength && LinkDensity(block) > TeaserLinkDensity)
            {
                block.Remove();
            }
        }
    }

    private static bool IsProse(IElement paragraph)
    {
        var text = Normalize(paragraph.TextContent);
        var density = LinkDensity(paragraph);
        return (text.Length > 80 && density < 0.25) || (text.Length > 0 && density == 0 && text.Contains(". ", StringComparison.Ordinal));
    }

    internal static double LinkDensity(IElement element)
    {
        var total = element.TextContent.Length;
        if (total == 0)
        {
            return 0;
        }

        var linked = element.QuerySelectorAll("a").Where(a => a.ParentElement?.Closest("a") is null).Sum(a => a.TextContent.Length);
        return Math.Min(1, (double)linked / total);
    }

    /// <summary>Block-level text in document order, one string per paragraph, whitespace collapsed.</summary>
    internal static IEnumerable<string> Render(INode root)
    {
        var blocks = new List<string>();
        var current = new StringBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                current.Append(text.Data);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var isBlock = BlockTags.Contains(element.LocalName);
            if (element.LocalName == "br" || isBlock)
            {
                Flush(current, blocks);
            }

            if (exit)
            {
                continue;
            }

            if (isBlock)
            {
                stack.Push((element, true));
            }

            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        Flush(current, blocks);
        return blocks;
    }

    private static void Flush(StringBuilder current, List<string> blocks)
    {
        var text = Normalize(current.ToString());
        current.Clear();
        if (text.Length > 0)
        {
            blocks.Add(text);
        }
    }

    /// <summary>
    /// Whitespace collapsed to single spaces, and the invisible marks a browser does not show left out: soft hyphens
    /// (hyphenation hints inside words: "Wäh&amp;shy;rend" reads and is searched as "Während"), zero-width spaces, word
    /// joiners and byte-order marks. Zero-width (non-)joiners stay: they change how Persian and Indic words are spelled.
    /// </summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is '\u00AD' or '\u200B' or '\u2060' or '\uFEFF')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
