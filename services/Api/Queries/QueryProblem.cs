using MediaMonitor.Text.Querying;

namespace MediaMonitor.Api.Queries;

/// <summary>
/// The one way every endpoint answers a query that does not parse: 400 "Invalid query", detail
/// "query at character N: advice", and the extensions <c>position</c> (N, the 1-based character number) and <c>message</c> (the advice).
/// </summary>
public static class QueryProblem
{
    /// <summary>The 1-based character number the HTTP answers use for a parser error (the parser counts from 0).</summary>
    public static int Character(QueryParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Position + 1;
    }

    public static string Detail(QueryParseError error) => $"query at character {Character(error)}: {error.Message}";

    public static IResult For(QueryParseError error) =>
        Results.Problem(
            title: "Invalid query",
            detail: Detail(error),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["position"] = Character(error), ["message"] = error.Message });
}
