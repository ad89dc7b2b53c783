using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Infrastructure.Seed;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure;

/// <summary>
/// What an empty directory starts with: the needs taxonomy always; in development also the
/// demonstration directory (<see cref="DemoDirectory"/>, <c>Directory:DemoServices</c> services).
/// </summary>
internal static class DirectorySeed
{
    public const int DefaultDemoServices = 240;

    /// <summary>The needs taxonomy everywhere; the demonstration directory only in development.</summary>
    public static Func<DirectoryDbContext, CancellationToken, Task> For(IHost app)
    {
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var demoServices = environment.IsDevelopment()
            ? app.Services.GetRequiredService<IConfiguration>().GetValue("Directory:DemoServices", DefaultDemoServices)
            : 0;
        var time = app.Services.GetRequiredService<TimeProvider>();
        return (db, cancellationToken) => SeedAsync(db, demoServices, time, cancellationToken);
    }

    public static async Task SeedAsync(DirectoryDbContext db, int demoServices, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Taxonomies.AnyAsync(t => t.Id == NeedsTaxonomy.Taxonomy.Id, cancellationToken))
        {
            db.Taxonomies.Add(new Taxonomy
            {
                Id = NeedsTaxonomy.Taxonomy.Id, Name = NeedsTaxonomy.Taxonomy.Name, Description = NeedsTaxonomy.Taxonomy.Description,
                Uri = NeedsTaxonomy.Taxonomy.Uri, Version = NeedsTaxonomy.Taxonomy.Version,
            });
            db.TaxonomyTerms.AddRange(NeedsTaxonomy.Terms.Select(t => new TaxonomyTerm
            {
                Id = t.Id, TaxonomyId = NeedsTaxonomy.Taxonomy.Id, Code = t.Code, Name = t.Name, Description = t.Name,
                TermUri = $"{NeedsTaxonomy.Taxonomy.Uri}/{t.Code}",
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (demoServices <= 0 || await db.Services.AnyAsync(cancellationToken))
        {
            return;
        }

        var demo = DemoDirectory.Create(demoServices, NeedsTaxonomy.Terms.ToDictionary(t => t.Code, t => t.Id), time.GetUtcNow());
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in demo.Organizations.Cast<object>().Concat(demo.Services).Chunk(500))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        // Fresh statistics, so searches are planned for the directory as loaded.
        await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
    }
}
