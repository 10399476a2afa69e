using System.Text;
using System.Text.Json;

namespace MediaMonitor.Api.Http;

/// <summary>
/// PostgreSQL refuses U+0000 in text and jsonb (SQLSTATE 22P05), so a NUL in any request's JSON string (a subscription's
/// name or query, an entity's alias, a pause reason, a tenant's name ...) or query string would fail the append with a 500.
/// Refused here, once for every endpoint, with a 400 naming the field: JSON bodies are read once more before binding
/// (typed records and JsonObject bodies alike), query string values checked by name.
/// </summary>
public static class NulCharacterGuard
{
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NulInQuery(context.Request.Query) is { } parameter)
        {
            await Refuse(context, $"the query string parameter '{parameter}'");
            return;
        }

        if (IsJson(context.Request.ContentType))
        {
            context.Request.EnableBuffering();
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            if (NulInJson(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } path)
            {
                await Refuse(context, path);
                return;
            }
        }

        await next(context);
    });

    /// <summary>The JSON path ($.aliases[1]) of the first string or property name holding U+0000; null when none does or the JSON is broken (the binder says why).</summary>
    public static string? NulInJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var path = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (name.Contains('\0', StringComparison.Ordinal))
                        {
                            return Path(path) + " (a property name)";
                        }

                        if (path.TryPop(out var owner))
                        {
                            path.Push(owner with { Property = name });
                        }

                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(path);
                        path.Push(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.TryPop(out _);
                        continue;
                    case JsonTokenType.String:
                        Advance(path);
                        if (reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                        {
                            return Path(path);
                        }

                        continue;
                    default:
                        Advance(path);
                        continue;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Broken JSON, or an escape that decodes to no valid text (a lone surrogate): the binder answers 400 with its reason.
            return null;
        }

        return null;
    }

    private static void Advance(Stack<Frame> path)
    {
        if (path.TryPeek(out var top) && top.IsArray)
        {
            path.Pop();
            path.Push(top with { Index = top.Index + 1 });
        }
    }

    private static string Path(Stack<Frame> path)
    {
        var text = new StringBuilder("$");
        foreach (var frame in path.Reverse())
        {
            text.Append(frame.IsArray ? $"[{frame.Index}]" : frame.Property is null ? string.Empty : "." + frame.Property);
        }

        return text.ToString();
    }

    private static string? NulInQuery(IQueryCollection query) =>
        query.FirstOrDefault(p => p.Key.Contains('\0', StringComparison.Ordinal) || p.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Key?.Replace("\0", "\\u0000", StringComparison.Ordinal);

    private static bool IsJson(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static Task Refuse(HttpContext context, string field) =>
        ApiProblems.BadRequest($"{field} holds a NUL character (U+0000), which cannot be stored: remove it").ExecuteAsync(context);

    private sealed record Frame(bool IsArray, int Index, string? Property);
}
