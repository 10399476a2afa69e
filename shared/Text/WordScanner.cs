using System.Globalization;
using System.Text;

namespace MediaMonitor.Text;

/// <summary>
/// The words of a text one at a time, each folded into a reused buffer, so a caller that looks terms up (matching)
/// allocates nothing per word. The one definition of a word and its term: <see cref="Tokenizer"/> is built on it.
/// </summary>
public ref struct WordScanner
{
    // Folded forms of non-ASCII characters (compatibility decomposition minus marks, then FoldChar), filled lazily;
    // a race only computes the same string twice.
    private static readonly string?[] Folded = new string?[char.MaxValue + 1];

    private readonly ReadOnlySpan<char> _text;
    private char[] _buffer;
    private int _next;
    private int _length;

    public WordScanner(ReadOnlySpan<char> text)
    {
        _text = text;
        _buffer = new char[64];
    }

    /// <summary>The current word's term (valid until the next <see cref="MoveNext"/>).</summary>
    public readonly ReadOnlySpan<char> Term => _buffer.AsSpan(0, _length);

    /// <summary>The <see cref="TermHash"/> of the current word's term.</summary>
    public ulong Hash { get; private set; }

    /// <summary>Where the current word starts in the text.</summary>
    public int Start { get; private set; }

    /// <summary>How many characters of the text the current word spans.</summary>
    public int Length { get; private set; }

    public bool MoveNext()
    {
        var text = _text;
        var i = _next;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordStart(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            _length = 0;

            // Fast path: a run of ASCII letters and digits ending the text or followed by another ASCII character,
            // folded and hashed in the same pass.
            var buffer = _buffer;
            var hash = TermHash.Empty;
            while (i < text.Length && text[i] < 128 && IsAsciiLetterOrDigit(text[i]))
            {
                var c = text[i];
                var folded = (char)(c is >= 'A' and <= 'Z' ? c + 32 : c);
                if (_length == buffer.Length)
                {
                    Array.Resize(ref _buffer, buffer.Length * 2);
                    buffer = _buffer;
                }

                buffer[_length++] = folded;
                hash = TermHash.Step(hash, folded);
                i++;
            }

            if (i == text.Length || text[i] < 128)
            {
                Hash = hash;
            }
            else
            {
                i = start;
                _length = 0;
                while (i < text.Length)
                {
                    var c = text[i];
                    if (c < 128)
                    {
                        if (!IsAsciiLetterOrDigit(c))
                        {
                            break;
                        }

                        Append((char)(c is >= 'A' and <= 'Z' ? c + 32 : c));
                    }
                    else if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                    {
                        foreach (var d in Fold(c))
                        {
                            Append(d);
                        }
                    }
                    else
                    {
                        break;
                    }

                    i++;
                }

                Hash = TermHash.Of(Term);
            }

            if (_length > 0)
            {
                Start = start;
                Length = i - start;
                _next = i;
                return true;
            }
        }

        _next = text.Length;
        return false;
    }

    private static bool IsWordStart(char c) => c < 128 ? IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    private static bool IsAsciiLetterOrDigit(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;

    private void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer[_length++] = c;
    }

    private static string Fold(char c)
    {
        if (Folded[c] is { } known)
        {
            return known;
        }

        var sb = new StringBuilder(2);
        foreach (var d in c.ToString().Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(TextNormalizer.FoldChar(d));
            }
        }

        var folded = sb.ToString();
        Folded[c] = folded;
        return folded;
    }
}
