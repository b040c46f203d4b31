"""Demo reviews, written for Marquee (not taken from anywhere)."""

REVIEWS = [
    {
        "film": "ballerina-2025",
        "headline": "Ballerina pirouettes on borrowed steps",
        "standfirst": "Ana de Armas fights hard in the first John Wick spin-off, but the film only "
        "comes alive when it remembers whose world it lives in.",
        "byline": "Nora Castellan",
        "rating": "3.0",
        "status": "published",
        "published_at": "2025-06-05T09:00:00+00:00",
        "body": """\
*Ballerina* slots itself between the third and fourth John Wick chapters and spends a long
time explaining why it belongs there. A prologue, a childhood trauma, a decade of training in
the Ruska Roma's rehearsal rooms: by the time Eve Macarro is sent on her first job the film
has used up most of its patience and some of ours.

Once it starts moving, though, it moves. Len Wiseman, who gave us *Underworld (2003)*, stages
a run of scraps in kitchens, nightclubs and snowbound streets with real bruising physicality,
and Ana de Armas commits to every fall. The set-pieces never quite reach the clockwork elegance
of the main series, but a late sequence involving a flamethrower earns its applause.

The best scenes are the ones that lean on old friends. Ian McShane's Winston still talks like a
man reading his own will, and Lance Reddick, in his final screen role, makes three lines of
concierge small talk feel like a eulogy. Norman Reedus turns up as a marked man in Prague and
is gone before the film knows what to do with him.

A whole village of armed bakers and schoolteachers recalls the sunny menace of
*Hot Fuzz (2007)*, and the central idea of a dancer raised as a weapon was done with more
bite in *Red Sparrow (2018)* and *Black Widow (2021)*. De Armas stole *No Time to Die (2021)*
in ten minutes; here she has two hours and a script that keeps looking over her shoulder for
Keanu Reeves.

Worth seeing for the action, and for Reddick. Not the new franchise it wants to be.
""",
    },
    {
        "film": "john-wick-2014",
        "headline": "John Wick: grief with a gun and perfect manners",
        "standfirst": "A lean revenge thriller that built an entire underworld out of gold coins, "
        "hotel rules and one very good dog.",
        "byline": "Tomás Ferreira",
        "rating": "4.5",
        "status": "published",
        "published_at": "2024-10-24T09:00:00+00:00",
        "body": """\
Ten years on, the thing that still surprises about *John Wick* is how little it explains.
A widower, a puppy, a stolen Mustang, and suddenly every gangster in New York is saying the
hero's name in a whisper. The film trusts us to fill in the legend.

Chad Stahelski and his stunt team shoot the fights wide and long, so you can follow every
reload. Keanu Reeves, all stillness and small nods, makes the violence feel like labour rather
than fun. The Continental hotel, with Ian McShane at the desk and Lance Reddick at the door,
is the film's masterstroke: an assassins' club with house rules and impeccable linen.

It sags a little in the last act, as revenge films do. It hardly matters.
""",
    },
    {
        "film": "hot-fuzz-2007",
        "headline": "Hot Fuzz is the best village fête ever to end in a shoot-out",
        "standfirst": "Edgar Wright's cop-movie parody is a precision machine of set-ups and "
        "pay-offs, and a warm portrait of friendship.",
        "byline": "Nora Castellan",
        "rating": "4.5",
        "status": "published",
        "published_at": "2024-02-14T09:00:00+00:00",
        "body": """\
Every throwaway line in *Hot Fuzz* comes back. A swan, a shop that sells guns, a sea mine in a
cupboard: Edgar Wright plants them in the first hour and detonates them in the second with the
glee of a man who has watched *Point Break* a great many times.

Simon Pegg plays Nicholas Angel completely straight, which is why it works, and Nick Frost's
Danny is the film's soft heart. Timothy Dalton, smiling like a shark at a garden party, is a
villain for the ages.
""",
    },
    {
        "film": "no-time-to-die-2021",
        "headline": "No Time to Die gives Daniel Craig a grand, soggy farewell",
        "standfirst": "Long, sincere and occasionally thrilling, the last Craig Bond is at its "
        "best in a Cuban detour that belongs to Ana de Armas.",
        "byline": "Tomás Ferreira",
        "rating": "3.5",
        "status": "published",
        "published_at": "2021-10-01T09:00:00+00:00",
        "body": """\
Cary Joji Fukunaga's Bond is a film about endings, and it takes its time reaching its own.
The opening in Matera is superb; the villain's island lair is a set in search of a plot.

The sequence everyone remembers is the party in Santiago de Cuba, where Ana de Armas, three
weeks into her spy training, drinks, fights and leaves with the film in her pocket.
""",
    },
    {
        "film": "underworld-2003",
        "headline": "Underworld, revisited: all coat, no bite",
        "standfirst": "A draft for the archive season: does Len Wiseman's vampire war hold up?",
        "byline": "Nora Castellan",
        "rating": "2.5",
        "status": "draft",
        "published_at": None,
        "body": """\
Notes so far: the blue filter, the long coats, Bill Nighy waking up in a bath of blood and
having the time of his life. Kate Beckinsale is better than the dialogue.
""",
    },
]
