using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.WellbeingMetrics.Infrastructure;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Apis;

public static class InstrumentsApi
{
    public static IEndpointRouteBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wellbeing/instruments").WithTags("Instruments");
        api.MapGet("/", ListInstruments).WithName("ListInstruments").WithSummary("Every instrument's definition: items, answers, ranges, scoring");
        api.MapGet("/{id}", GetInstrument).WithName("GetInstrument").WithSummary("One instrument's definition");
        return app;
    }

    public static async Task<Ok<List<InstrumentDefinition>>> ListInstruments(WellbeingDbContext db, CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(instruments.Select(i => i.Definition).ToList());
    }

    public static async Task<Results<Ok<InstrumentDefinition>, NotFound>> GetInstrument(
        string id, WellbeingDbContext db, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return instrument is null ? TypedResults.NotFound() : TypedResults.Ok(instrument.Definition);
    }
}
