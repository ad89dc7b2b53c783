using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.TranslateInstrument;

/// <summary>
/// An admin adds (or replaces) an instrument's validated wording in Welsh: <c>PUT
/// /api/wellbeing/instruments/{id}/translations/{language}</c>. The completion page then asks the questions in that
/// language to someone who chose it, and the score records the language it was answered in. Without one, the page says
/// there is no validated Welsh wording and offers English.
/// </summary>
public static class TranslateInstrumentEndpoint
{
    public static IEndpointRouteBuilder MapInstrumentTranslations(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/wellbeing/instruments/{id}/translations/{language}", TranslateAsync).WithTags("Instruments").WithName("TranslateInstrument")
            .WithSummary("Add or replace an instrument's validated wording in another language (cy): every question, answer and the extra question, with its source")
            .Accepts<InstrumentTranslation>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AccessPolicies.InstrumentAdmin);
        return app;
    }

    public static async Task<Results<Ok<InstrumentDefinition>, ValidationProblem, ProblemHttpResult>> TranslateAsync(
        string id, string language, [AsParameters] WellbeingServices services, CancellationToken cancellationToken)
    {
        var instrument = await services.Db.Instruments.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instrument is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such instrument",
                detail: $"There is no instrument '{(id.Length > 64 ? id[..64] : id)}'; see /api/wellbeing/instruments.");
        }

        var (document, problem) = await JsonBody.ReadAsync(services.Http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        InstrumentTranslation? translation;
        using (document)
        {
            (translation, var mistake) = StrictJson.Read<InstrumentTranslation>(document!, "a translation", InvalidTitle);
            if (mistake is not null)
            {
                return mistake;
            }
        }

        var errors = new ValidationErrors();
        TranslationRules.Check(instrument.Definition, language, translation, errors);
        if (!errors.IsEmpty)
        {
            return Invalid(errors.ToDictionary().ToDictionary());
        }

        var translations = new Dictionary<string, InstrumentTranslation>(instrument.Definition.Translations ?? new Dictionary<string, InstrumentTranslation>(), StringComparer.Ordinal)
        {
            [language] = translation!,
        };
        instrument.Definition = instrument.Definition with { Translations = translations };
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(instrument.Definition);
    }

    private const string InvalidTitle = "The translation has mistakes; nothing was saved";

    private static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: InvalidTitle);
}
