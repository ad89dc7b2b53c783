using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Authentication;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Features;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.ManageInstruments;

public static class InstrumentEndpoints
{
    public static IEndpointRouteBuilder MapInstruments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wellbeing/instruments").WithTags("Instruments");
        api.MapGet("/", ListInstruments).WithName("ListInstruments").WithSummary("Every instrument's definition: items, answers, ranges, scoring");
        api.MapGet("/{id}", GetInstrument).WithName("GetInstrument").WithSummary("One instrument's definition");
        api.MapPost("/", AddInstrumentAsync).WithName("AddInstrument")
            .WithSummary("Add an instrument by its definition (items, answers, ranges, scoring rule, bands); checked before it is stored")
            .Accepts<InstrumentDefinition>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(AccessPolicies.InstrumentAdmin);
        return app;
    }

    public static async Task<Ok<List<InstrumentDefinition>>> ListInstruments(WellbeingDbContext db, CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(instruments.Select(i => i.Definition).ToList());
    }

    public static async Task<Results<Ok<InstrumentDefinition>, ProblemHttpResult>> GetInstrument(
        string id, WellbeingDbContext db, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return instrument is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such instrument",
                detail: $"There is no instrument '{(id.Length > 64 ? id[..64] : id)}'; see /api/wellbeing/instruments.")
            : TypedResults.Ok(instrument.Definition);
    }

    public static async Task<Results<Created<InstrumentDefinition>, ValidationProblem, ProblemHttpResult>> AddInstrumentAsync(
        [AsParameters] WellbeingServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        InstrumentDefinition? definition;
        using (document)
        {
            (definition, var mistake) = StrictJson.Read<InstrumentDefinition>(document!, "an instrument definition", InvalidTitle);
            if (mistake is not null)
            {
                return mistake;
            }
        }

        if (definition is null)
        {
            return Invalid(new Dictionary<string, string[]> { ["$"] = ["Send an instrument definition as a JSON object."] });
        }

        var errors = DefinitionRules.Check(definition);
        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary().ToDictionary());
        }

        if (await services.Db.Instruments.AnyAsync(i => i.Id == definition.Id, cancellationToken))
        {
            return Conflict(definition.Id);
        }

        services.Db.Instruments.Add(new Instrument
        {
            Id = definition.Id,
            Definition = definition,
            BuiltIn = false,
            AddedAt = services.Time.GetUtcNow(),
            AddedBy = services.Http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value,
        });
        try
        {
            await services.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Conflict(definition.Id);
        }

        return TypedResults.Created($"/api/wellbeing/instruments/{definition.Id}", definition);
    }

    private const string InvalidTitle = "The instrument definition has mistakes; nothing was saved";

    private static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: InvalidTitle);

    private static ProblemHttpResult Conflict(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "That instrument already exists",
            detail: $"There is already an instrument '{id}'; choose another id.");
}
