"""sakura_sorter: sort a folder of photos into sakura/ and cosmos/ with VGG16 features and a linear SVM."""

__version__ = "0.1.0"
