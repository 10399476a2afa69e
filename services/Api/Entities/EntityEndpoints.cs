using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Entities;

/// <summary>
/// POST /api/entities: the operator (admin key) defines an entity (or adds aliases) for the EntityTagging service. The
/// tagger's gazetteer is one for all tenants, so a definition changes every tenant's tagging: a tenant key gets 403.
/// </summary>
public static class EntityEndpoints
{
    public const int MaxNameLength = 200;
    public const int MaxAliases = 100;

    /// <summary>Namespace of entity definition stream ids: StreamIdentity.NameBased(this, type + "\n" + name).</summary>
    public static readonly Guid EntityNamespace = new("5b0f7c3e-2a1d-4e8b-9c6f-1d2e3f4a5b6c");

    public static void MapEntityEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/entities", DefineEntity)
            .RequireAuthorization(TenantPrincipal.AdminPolicy)
            .WithTags("Entities")
            .WithSummary("Admin key only: defines an entity (name, type, aliases) for the shared tagger; appends EntityDefined, relayed to EntityTagging.");
    }

    internal static async Task<IResult> DefineEntity(DefineEntityRequest? request, Marten.IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!TryValidate(request, out var name, out var type, out var aliases, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        var defined = new EntityDefined("", name, type, aliases, clock.GetUtcNow(), "admin");
        var streamId = StreamId(type, name);
        session.Events.Append(streamId, defined);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/entities/{streamId}", new DefinedEntityResponse(streamId, defined.Name, defined.Type, defined.Aliases, defined.DefinedAt, defined.DefinedBy));
    }

    /// <summary>The stream of every definition of one (type, name), case-insensitive on the name.</summary>
    public static Guid StreamId(EntityType type, string name) =>
        StreamIdentity.NameBased(EntityNamespace, type + "\n" + name.ToUpperInvariant());

    internal static bool TryValidate(DefineEntityRequest? request, out string name, out EntityType type, out IReadOnlyList<string> aliases, out string error)
    {
        name = request?.Name?.Trim() ?? "";
        aliases = [];
        type = default;
        error = "";
        if (name.Length is 0 or > MaxNameLength)
        {
            error = $"name is required and must be 1-{MaxNameLength} characters";
            return false;
        }

        if (!TryParseType(request!.Type, out type))
        {
            error = "type must be one of person, organization, location, misc (or PER, ORG, LOC, MISC)";
            return false;
        }

        var given = request.Aliases ?? [];
        if (given.Count > MaxAliases)
        {
            error = $"at most {MaxAliases} aliases";
            return false;
        }

        var cleaned = new List<string>();
        foreach (var alias in given)
        {
            var a = alias?.Trim() ?? "";
            if (a.Length is 0 or > MaxNameLength)
            {
                error = $"each alias must be 1-{MaxNameLength} characters";
                return false;
            }

            if (!cleaned.Contains(a, StringComparer.OrdinalIgnoreCase) && !a.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                cleaned.Add(a);
            }
        }

        aliases = cleaned;
        return true;
    }

    internal static bool TryParseType(string? value, out EntityType type)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "PERSON" or "PER":
                type = EntityType.Person;
                return true;
            case "ORGANIZATION" or "ORGANISATION" or "ORG":
                type = EntityType.Organization;
                return true;
            case "LOCATION" or "LOC":
                type = EntityType.Location;
                return true;
            case "MISC" or "MISCELLANEOUS":
                type = EntityType.Miscellaneous;
                return true;
            default:
                type = default;
                return false;
        }
    }
}

public sealed record DefineEntityRequest(string? Name, string? Type, IReadOnlyList<string?>? Aliases);

public sealed record DefinedEntityResponse(Guid Id, string Name, EntityType Type, IReadOnlyList<string> Aliases, DateTimeOffset DefinedAt, string DefinedBy);
