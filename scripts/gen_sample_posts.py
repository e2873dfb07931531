#!/usr/bin/env python3
"""Writes data/sample_posts.jsonl: SYNTHETIC customer posts for the listening report's demo.

Every post is made up by this script from templates for "Kitchenly", a fictional meal-kit
delivery service (competitors "HelloPlate" and "FreshCrate" are fictional too); authors are
made-up handles, ids are sequential. Nothing here is real or third-party data.

The stream covers six weeks (2026-10-19 to 2026-11-29, UTC) with a daily rhythm (quiet nights,
busier evenings and weekends) and a mix of praise, complaints, problems, questions, ideas and a
few posts that need an answer now (food safety, legal threats, cancellations, account fraud,
public escalation, abuse). Two things are planted for the report to find:

* a slow rise of late deliveries over the last two weeks (negative sentiment about delivery);
* a burst on the last two days: the "SPRING25" promo code fails at checkout ("promo code",
  "spring25" and "checkout error" suddenly everywhere) — the emerging terms.

Seeded and deterministic (Python standard library only): the same command writes the same file.

    python3 scripts/gen_sample_posts.py                           # data/sample_posts.jsonl
    python3 scripts/gen_sample_posts.py --bytes 1073741824 --out /tmp/posts_1g.jsonl
"""

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

START = datetime(2026, 10, 19, tzinfo=timezone.utc)  # a Monday
DAYS = 42
SOURCES = [("twitter", 30), ("app_store", 14), ("google_play", 12), ("email", 16),
           ("chat", 18), ("reddit", 10)]
STORES = {"app_store", "google_play"}

DISH = ["the salmon bowl", "the veggie lasagna", "the chicken curry", "the pad thai kit",
        "the mushroom risotto", "the taco box", "the beef stew", "the tofu stir fry",
        "the family pasta box", "the breakfast box"]
DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITY = ["Leeds", "Bristol", "Glasgow", "Cardiff", "Norwich", "York", "Brighton", "Derby"]
AGENT = ["Maya", "Tom", "Priya", "Jonas", "Lena", "Sam"]

# (weight, templates) per kind of post; {dish}, {day}, {city}, {agent}, {n} are filled in.
KINDS = {
    "praise": (22, [
        "Loved {dish} this week, so fresh and easy to cook!",
        "Kitchenly has made weeknights so much easier. {dish} was delicious.",
        "Big thanks to {agent} from support, sorted my order in minutes. Great service!",
        "The recipes are clear and the portions are generous. Happy customer here.",
        "Delivery arrived early and everything was perfectly chilled. Brilliant.",
        "Honestly the best meal kit I have tried. {dish} is a new family favourite.",
        "Five stars, the new app is fast and ordering takes a minute.",
        "My kids actually ate their vegetables thanks to {dish} lol",
        "Recommend Kitchenly to anyone who hates planning dinners. Love it!",
        "Packaging is finally recyclable, well done Kitchenly",
    ]),
    "complaint": (17, [
        "Still waiting for my refund after {n} days. Not impressed.",
        "{dish} was missing half the ingredients again. Very disappointing.",
        "Paid for premium and got soggy vegetables. Awful value for money.",
        "The prices went up again and the portions got smaller. Not happy.",
        "Customer service kept me on hold for {n} minutes and then hung up.",
        "Box arrived damaged and the sauce had leaked over everything. Poor.",
        "Why is it so hard to skip a week? Terrible experience.",
        "Ordered {dish} and got something completely different. Annoying.",
    ]),
    "delivery": (9, [
        "Delivery was {n} hours late again, dinner ruined.",
        "My box was supposed to come {day} and still no sign of it. Where is my order?",
        "Driver left the box in the rain, everything soaked. Late and wet.",
        "Third late delivery in a row in {city}. What is going on with your couriers?",
        "Tracking says delivered but there is no box at my door.",
    ]),
    "problem": (10, [
        "The app crashes every time I try to change my delivery day.",
        "Can't log in to the app since the last update, it just spins.",
        "The website shows an error when I try to update my address.",
        "Payment page keeps timing out, tried {n} times.",
        "Recipe cards are missing from the app for {dish}.",
    ]),
    "question": (11, [
        "How do I pause my subscription for two weeks?",
        "Can I change the delivery address for just one box?",
        "Do you deliver to {city} on {day}s?",
        "Is {dish} gluten free? Can't find the allergen info.",
        "How do I add an extra portion to my next box?",
    ]),
    "idea": (8, [
        "Please add more vegetarian options, would love a vegan box too.",
        "Would be great if the app let me rate each recipe.",
        "Suggestion: let us pick a delivery time window, not just a day.",
        "Please bring back {dish}, it was the best one.",
        "It would be nice to have smaller boxes for people living alone.",
    ]),
    "tip": (4, [
        "Tip: add a squeeze of lime to {dish}, makes it so much better.",
        "Pro tip for new customers, you can skip weeks from the website even if the app won't let you.",
    ]),
    "competitor": (4, [
        "Thinking of switching to HelloPlate, their boxes are cheaper.",
        "FreshCrate delivers on Sundays, why can't Kitchenly?",
    ]),
    "neutral": (8, [
        "Just ordered my first box, let's see how it goes.",
        "Trying {dish} tonight.",
        "Kitchenly box number {n} arrived today.",
        "Anyone else cooking {dish} this week?",
    ]),
    "urgent": (3, [
        "Found a piece of glass in {dish}. My son nearly swallowed it. I need someone to call me NOW.",
        "There was a sharp bit of plastic in {dish}, could have choked on it.",
        "We all got food poisoning after {dish} last night, my daughter was in hospital.",
        "Been sick all night after {dish}, pretty sure the meat was off.",
        "The chicken in my box smelled off and the packaging was warm, this is dangerous.",
        "My partner had an allergic reaction, {dish} contained nuts but the label says nut free!",
        "Someone placed {n} orders on my account and charged my card without my permission!!",
        "I think my account was hacked, there are orders I never made.",
        "Got an email asking for my card details from a Kitchenly address, is this a scam?",
        "If I don't get my money back by Friday I'm taking you to small claims court.",
        "I will report Kitchenly to trading standards, this is illegal.",
        "Speaking to my lawyer about the {n} boxes you charged me for and never sent.",
        "Cancel my subscription today, I'm done and switching to FreshCrate.",
        "Closing my account. {n} late boxes in a row, you just lost a customer.",
        "Posting this everywhere until someone from Kitchenly answers. Tagging your CEO.",
        "Emailing the BBC consumer show about this if nobody calls me back today.",
        "Your support agents are useless idiots, worst company ever.",
    ]),
}

# The burst of the last two days: the promo code fails at checkout.
PROMO = [
    "The SPRING25 promo code doesn't work, checkout error every time.",
    "Promo code SPRING25 gives me a checkout error, please fix!",
    "Is the SPRING25 promo code broken? Checkout error on the app and the website.",
    "Tried the promo code three times, checkout error. So annoying.",
    "Your SPRING25 email said 25% off but the promo code is rejected at checkout.",
]

TITLES = {"praise": ["Love it", "Great service", "Five stars"],
          "complaint": ["Disappointed", "Not worth it", "Poor value"],
          "problem": ["App broken", "Crashes", "Buggy update"],
          "delivery": ["Late again", "Delivery issues"],
          "idea": ["Suggestion", "Feature request"],
          "question": ["Question"], "tip": ["Tip"], "competitor": ["Comparison"],
          "neutral": ["First box"], "urgent": ["URGENT"]}
RATING = {"praise": (4, 5), "complaint": (1, 2), "problem": (1, 2), "delivery": (1, 2),
          "idea": (3, 4), "question": (3, 4), "tip": (4, 5), "competitor": (2, 3),
          "neutral": (3, 4), "urgent": (1, 1)}


def handles(rng, n):
    parts = ["sam", "jo", "kit", "lee", "mo", "ana", "ben", "cat", "dev", "eli", "fin", "gus",
             "ivy", "jas", "kai", "liv", "max", "nia", "oli", "pat", "rae", "tia", "viv", "zoe"]
    out = set()
    while len(out) < n:
        out.add(rng.choice(parts) + rng.choice(["", "_", "."]) + rng.choice(parts)
                + str(rng.randint(1, 999)))
    return sorted(out)


def fill(rng, template, n_max=9):
    return template.format(dish=rng.choice(DISH), day=rng.choice(DAY), city=rng.choice(CITY),
                           agent=rng.choice(AGENT), n=rng.randint(2, n_max))


def pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for item, w in weighted:
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


def posts(rng, count):
    """Yields `count` posts spread over the six weeks, in time order."""
    authors = handles(rng, max(50, count // 3))
    # Time of each post: day weight (weekends and the last two weeks busier), hour of day.
    hour_weight = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 3, 3, 3, 4, 4, 3, 3, 4, 5, 7, 8, 7, 5, 3, 2]
    day_weight = [(1.3 if (d % 7) >= 5 else 1.0) * (1 + 0.01 * d) for d in range(DAYS)]
    total = sum(day_weight)
    times = []
    for d in range(DAYS):
        n = round(count * day_weight[d] / total)
        for _ in range(n):
            hour = pick(rng, list(enumerate(hour_weight)))
            second = rng.randrange(3600)
            times.append(START + timedelta(days=d, hours=hour, seconds=second))
    times = sorted(times)[:count]
    kinds = [(k, w) for k, (w, _) in KINDS.items()]
    for i, t in enumerate(times):
        day = (t - START).days
        source = pick(rng, SOURCES)
        if day >= DAYS - 2 and rng.random() < 0.16:
            kind, text = "complaint", rng.choice(PROMO)
        else:
            weights = kinds
            if day >= DAYS - 14:
                # Late deliveries rise over the last two weeks.
                rise = 1 + (day - (DAYS - 14)) / 4
                weights = [(k, w * rise if k == "delivery" else w) for k, w in kinds]
            kind = pick(rng, weights)
            text = fill(rng, rng.choice(KINDS[kind][1]), 40 if kind == "complaint" else 9)
        if source == "twitter" and rng.random() < 0.5:
            text = "@Kitchenly " + text
        record = {"id": "p%06d" % (i + 1),
                  "time": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "source": source,
                  "author": rng.choice(authors),
                  "text": text}
        if source in STORES:
            record["title"] = rng.choice(TITLES[kind])
            record["rating"] = rng.randint(*RATING[kind])
        yield record


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="data/sample_posts.jsonl")
    ap.add_argument("--count", type=int, default=4000, help="posts (default 4000)")
    ap.add_argument("--bytes", type=int, default=0,
                    help="write about this many bytes instead: the six weeks repeated, each "
                         "copy shifted by six weeks (for timing runs)")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        if not args.bytes:
            for record in posts(rng, args.count):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        written, copy = 0, 0
        while written < args.bytes:
            # 100,000 posts per six weeks; each copy later than the last.
            for record in posts(rng, 100_000):
                t = datetime.strptime(record["time"], "%Y-%m-%dT%H:%M:%SZ")
                t += timedelta(days=DAYS * copy)
                record["time"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
                record["id"] = "c%d-%s" % (copy, record["id"])
                line = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                if written >= args.bytes:
                    break
            copy += 1
        print(f"wrote {written} bytes to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
