// A blog with authors and posts, backed by SQLite: `dotnet run --project tests/BlogApp -- migrate`, then `dotnet run --project tests/BlogApp`.
using System.ComponentModel.DataAnnotations;
using Micro;
using Microsoft.AspNetCore.Http.HttpResults;

return MicroApp.Run(args);

namespace BlogApp
{
    [Model]
    public class Author
    {
        public int Id { get; set; }

        [MaxLength(100)]
        public string Name { get; set; } = "";

        [Unique, MaxLength(200)]
        public string? Email { get; set; }

        public List<Post> Posts { get; set; } = [];
    }

    [Model]
    [Index(nameof(AuthorId), nameof(Slug), IsUnique = true)]
    public class Post
    {
        public int Id { get; set; }

        [MaxLength(200)]
        public string Title { get; set; } = "";

        [MaxLength(200)]
        public string Slug { get; set; } = "";

        [Index]
        public int Year { get; set; }

        public bool Published { get; set; } = true;

        public int Views { get; set; }

        public decimal? Rating { get; set; }

        public DateTime? PublishedAt { get; set; }

        public int AuthorId { get; set; }

        public Author? Author { get; set; }
    }

    public sealed record NewPost(string Title, string Slug, int Year, int AuthorId, DateTime? PublishedAt = null);

    public sealed record NewAuthor(string Name, string? Email);

    public sealed record Seeded(int Authors, int Posts);

    public sealed record PostStats(int Posts, int Views, double? AverageViews, int? MostViews, decimal? TopRating);

    public sealed record AuthorStats(int AuthorId, int Posts, int Views, int? MostViews);

    public sealed record MonthPosts(DateOnly Month, int Posts);

    public sealed record AuthorPosts(int Id, string Name, int Posts, int? MostViews);

    /// <summary>JSON views over the database: an API whose clients send no browser cookies, so its writes are CSRF-exempt.</summary>
    public static class Views
    {
        [CsrfExempt]
        [Route("authors/", Methods = "POST")]
        public static async Task<Created<Author>> CreateAuthor(NewAuthor author, Db db) =>
            TypedResults.Created("/authors/", await db.Authors.CreateAsync(new Author { Name = author.Name, Email = author.Email }));

        /// <summary>
        /// The author with the email, renamed, or a new one (Django's update_or_create): 200 with the author it changed, 201 with the
        /// one it made; 400 without an email.
        /// </summary>
        [CsrfExempt]
        [Route("authors/", Methods = "PUT")]
        public static async Task<Results<Ok<Author>, Created<Author>, BadRequest<string>>> PutAuthor(NewAuthor author, Db db)
        {
            if (author.Email is not { Length: > 0 } email)
            {
                return TypedResults.BadRequest("An author is put by email: send one.");
            }

            var (row, created) = await db.Authors.UpdateOrCreateAsync(
                a => a.Email.Exact(email), update: a => a.Name = author.Name, create: () => new Author { Name = author.Name, Email = email });
            return created ? TypedResults.Created(Urls.Author(row.Id), row) : TypedResults.Ok(row);
        }

        /// <summary>Every author with its number of posts (0 for none), busiest first (Django's annotate(Count("post")) over the relation).</summary>
        [Route("authors/", Methods = "GET")]
        public static async Task<List<AuthorPosts>> Authors(Db db, int minPosts = 0) =>
            (await db.Authors.Filter(a => a.Posts.Count().Gte(minPosts))
                .OrderByDescending(a => a.Posts.Count())
                .ThenBy(a => a.Id)
                .ToListAsync(a => (a.Posts.Count(), a.Posts.Max(p => p.Views))))
            .ConvertAll(row => new AuthorPosts(row.Row.Id, row.Row.Name, row.Value1, row.Value2));

        [Route("authors/<int:id>/", Name = "author")]
        public static async Task<Author> AuthorDetail(int id, Db db)
        {
            var author = await db.Authors.GetAsync(id);
            await db.Authors.LoadAsync(author, a => a.Posts);
            return author;
        }

        [Route("posts/", Name = "posts")]
        public static Task<List<Post>> Posts(Db db, int? year = null, string? q = null, int page = 1)
        {
            var posts = db.Posts.OrderByDescending(p => p.Year).ThenBy(p => p.Id);
            if (year is not null)
            {
                posts = posts.Filter(p => p.Year.Exact(year.Value));
            }

            if (q is not null)
            {
                posts = posts.Filter(p => p.Title.IContains(q));
            }

            return posts.Include(p => p.Author).Skip((page - 1) * 20).Take(20).ToListAsync();
        }

        [CsrfExempt]
        [Route("posts/", Methods = "POST", Name = "create_post")]
        public static async Task<Created<Post>> CreatePost(NewPost post, Db db)
        {
            var created = await db.Posts.CreateAsync(new Post { Title = post.Title, Slug = post.Slug, Year = post.Year, AuthorId = post.AuthorId, PublishedAt = post.PublishedAt });
            return TypedResults.Created(Urls.Post(created.Id), created);
        }

        [Route("posts/<int:id>/", Name = "post")]
        public static Task<Post> PostDetail(int id, Db db) => db.Posts.GetAsync(id);

        /// <summary>Counts a view in the database itself, as Django's <c>update(views=F("views") + 1)</c>: concurrent views all count.</summary>
        [CsrfExempt]
        [Route("posts/<int:id>/view/", Methods = "POST")]
        public static async Task<int> CountView(int id, Db db) =>
            await db.Posts.Filter(p => p.Id.Exact(id)).UpdateAsync(p => p.Views.Set(p.Views + 1)) == 1
                ? (await db.Posts.GetAsync(id)).Views
                : throw new NotFoundException($"No post {id}.");

        /// <summary>The years posts were written in, newest first, each once (Django's values_list("year", flat=True).distinct()).</summary>
        [Route("posts/years/")]
        public static Task<List<int>> Years(Db db) => db.Posts.OrderByDescending(p => p.Year).ValuesList(p => p.Year).Distinct().ToListAsync();

        [Route("posts/count/")]
        public static async Task<int> PostCount(Db db) => await db.Posts.CountAsync();

        /// <summary>Django's aggregate(): sums, means and extremes computed by the database.</summary>
        [Route("posts/stats/")]
        public static async Task<PostStats> Stats(Db db) => new(
            await db.Posts.CountAsync(),
            await db.Posts.SumAsync(p => p.Views),
            await db.Posts.AverageAsync(p => p.Views),
            await db.Posts.MaxAsync(p => p.Views),
            await db.Posts.MaxAsync(p => p.Rating));

        /// <summary>Django's values("author").annotate(...).filter(...).order_by(...): one GROUP BY query.</summary>
        [Route("posts/by-author/")]
        public static async Task<List<AuthorStats>> ByAuthor(Db db, int minPosts = 1) =>
            (await db.Posts.GroupBy(p => p.AuthorId)
                .Having(g => g.Count().Gte(minPosts))
                .OrderByDescending(g => g.Sum(p => p.Views))
                .ToListAsync(g => (g.Count(), g.Sum(p => p.Views), g.Max(p => p.Views))))
            .ConvertAll(row => new AuthorStats(row.Key, row.Value1, row.Value2, row.Value3));

        /// <summary>An archive's months with their posts (Django's TruncMonth with annotate), for one year (Django's __year).</summary>
        [Route("posts/months/<int:year>/")]
        public static async Task<List<MonthPosts>> Months(int year, Db db) =>
            (await db.Posts.Filter(p => p.PublishedAt.Year(year)).GroupBy(p => p.PublishedAt, DatePart.Month).ToListAsync(g => g.Count()))
            .ConvertAll(row => new MonthPosts(row.Key!.Value, row.Value));

        [CsrfExempt]
        [Route("seed/", Methods = "POST")]
        public static async Task<Seeded> Seed(Db db, int authors = 2, int posts = 3)
        {
            await using var transaction = await db.BeginTransactionAsync();
            for (var a = 1; a <= authors; a++)
            {
                var author = await db.Authors.CreateAsync(new Author { Name = $"Author {a}", Email = $"author{a}@example.com" });
                await db.Posts.BulkCreateAsync(Enumerable.Range(1, posts).Select(p =>
                    new Post { Title = $"Post {p} by {author.Name}", Slug = $"post-{p}", Year = 2020 + p, AuthorId = author.Id }));
            }

            await transaction.CommitAsync();
            return new Seeded(await db.Authors.CountAsync(), await db.Posts.CountAsync());
        }
    }
}
