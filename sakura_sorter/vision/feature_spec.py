"""What the extractor's features are, as numbers and as the model card's feature spec (no NumPy, no TensorFlow:
a cached run reads them without either). :mod:`.extractor` computes them and re-exports all of this.
"""

from __future__ import annotations

from sakura_sorter.vision.listing import INPUT_SIZE, RESIZE_POLICY

#: The pooled layers, in the order their features are concatenated, and the width of each.
LAYERS = ("block4_pool", "block5_pool")
LAYER_DIM = 512
#: Width of the whole-photo averages (what every model reads as its features).
AVG_DIM = LAYER_DIM * len(LAYERS)
#: The region grid: cells of the block5 map (7 x 7 at 224 pixels) per row and column, the 14 x 14 block4 map
#: cut at twice those bounds. Cells of 2, 3 and 2 block5 positions: a centre and its surroundings.
BLOCK5_SIDE = INPUT_SIZE // 32  # positions per side of the block5 map (VGG16 halves the size 5 times)
REGION_CUTS = ((0, 2), (2, 5), (5, BLOCK5_SIDE))
REGIONS = len(REGION_CUTS) ** 2
#: Share of the photo each region covers, in the order of the features (the area weights of the mean).
REGION_AREAS = tuple((b - a) * (d - c) / BLOCK5_SIDE**2 for a, b in REGION_CUTS for c, d in REGION_CUTS)
FEATURE_DIM = AVG_DIM * (1 + REGIONS)
#: Columns of the recipe's own feature (``pooling="avg"`` of the last block) in a feature vector.
RECIPE_COLUMNS = slice(LAYER_DIM, 2 * LAYER_DIM)

#: What a model card must agree with for its SVM to be usable with these features.
FEATURE_SPEC: dict[str, object] = {
    "backbone": "keras.applications.VGG16",
    "weights": "imagenet",
    "include_top": False,
    "layers": list(LAYERS),
    "pooling": "avg, each layer, concatenated; then the same per cell of a 3x3 grid",
    "regions": [list(c) for c in REGION_CUTS],
    "input_size": [INPUT_SIZE, INPUT_SIZE, 3],
    "preprocessing": "keras.applications.vgg16.preprocess_input (caffe: RGB->BGR, ImageNet mean subtracted)",
    "resize_policy": RESIZE_POLICY,
    "dim": FEATURE_DIM,
}
