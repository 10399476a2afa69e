namespace MediaMonitor.Api.Http;

/// <summary>RFC 7807 problem responses with a message a caller can act on.</summary>
public static class ApiProblems
{
    public static IResult BadRequest(string detail) => Results.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string detail) => Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) => Results.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
