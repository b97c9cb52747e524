import numpy as np
import pytest
import torch

from training import MODELS_DIR
from training import augment as aug
from training.data import Split

from .conftest import float_images


def test_same_seed_same_output(train_split: Split) -> None:
    x = torch.from_numpy(float_images(train_split, 64))
    a = aug.augment(x, aug.CNN_TRAIN, torch.Generator().manual_seed(5))
    b = aug.augment(x, aug.CNN_TRAIN, torch.Generator().manual_seed(5))
    c = aug.augment(x, aug.CNN_TRAIN, torch.Generator().manual_seed(6))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_changes_images_and_keeps_range(train_split: Split) -> None:
    x = torch.from_numpy(float_images(train_split, 64))
    for params in (aug.CNN_TRAIN, aug.MLP_TRAIN, aug.TEST_AUG):
        y = aug.augment(x, params, torch.Generator().manual_seed(0))
        assert y.shape == x.shape and y.min() >= 0 and y.max() <= 1
        changed = (y - x).abs().flatten(1).max(1).values > 0.1
        # p = 0.8-1.0 of samples are augmented; each augmented one visibly changes.
        assert changed.float().mean() >= params.p - 0.15


def test_identity_params_leave_images_alone(train_split: Split) -> None:
    x = torch.from_numpy(float_images(train_split, 16))
    y = aug.augment(x, aug.AugmentParams(), torch.Generator().manual_seed(0))
    assert torch.allclose(x, y, atol=1e-5)


def test_translation_units_are_pixels(train_split: Split) -> None:
    """translate_px is in pixels: a fixed +2 px draw moves the image by exactly 2 pixels."""
    x = torch.from_numpy(float_images(train_split, 4))
    theta = torch.tensor([[[1.0, 0.0, -2 / 14], [0.0, 1.0, 0.0]]]).repeat(4, 1, 1)
    grid = torch.nn.functional.affine_grid(theta, [4, 1, 28, 28], align_corners=False)
    y = torch.nn.functional.grid_sample(x, grid, align_corners=False)
    assert torch.allclose(y[..., 2:], x[..., :-2], atol=1e-5)
    # and affine_theta produces exactly that matrix for a pure translation
    params = aug.AugmentParams(translate_px=2.0)
    g = torch.Generator().manual_seed(0)
    th = aug.affine_theta(1000, params, g)
    assert torch.allclose(th[:, :, :2], torch.eye(2).expand(1000, 2, 2), atol=1e-6)
    assert th[:, :, 2].abs().max() <= 2 / 14 + 1e-6 and th[:, :, 2].abs().max() > 1.8 / 14


@pytest.mark.parametrize("t, sign", [(1.0, 1), (-1.0, -1)])
def test_thickness_thicker_and_thinner(train_split: Split, t: float, sign: int) -> None:
    x = torch.from_numpy(float_images(train_split, 32))
    y = aug.change_thickness(x, torch.full((32,), t))
    ink_x, ink_y = x.flatten(1).sum(1), y.flatten(1).sum(1)
    assert torch.all(torch.sign(ink_y - ink_x) == sign)
    assert torch.all((ink_y / ink_x - 1).abs() > 0.15)


def test_augmented_test_set_is_fixed(test_split: Split) -> None:
    a = aug.augmented_test_set(test_split.images)
    b = aug.augmented_test_set(test_split.images)
    assert torch.equal(a, b)
    x = aug.to_float(test_split.images)
    assert (a - x).abs().flatten(1).max(1).values.min() > 0.1  # every image transformed


def test_augmented_test_set_is_the_one_the_model_card_describes() -> None:
    """models/README.md promises these ranges for the augmented test set: the code must draw
    from exactly them, and from nothing else."""
    card = (MODELS_DIR / "README.md").read_text()
    section = card[card.index("### Augmented test set") :]
    # Prose may wrap anywhere: compare with single spaces.
    section = " ".join(section[: section.index("\n### ", 1)].split())
    p = aug.TEST_AUG
    assert f"seed {aug.TEST_AUG_SEED}" in section
    assert f"rotation ±{p.rotation_deg:g}°" in section
    assert f"isotropic scale {p.scale[0]:g}–{p.scale[1]:g}" in section
    assert f"horizontal shear ±{p.shear_deg:g}°" in section
    assert f"translation ±{p.translate_px:g} px" in section
    assert f"t uniform in −{-p.thickness[0]:g}…+{p.thickness[1]:g}" in section
    assert p.p == 1.0 and "Every image is transformed" in section
    assert (p.aspect, p.elastic_px, p.gamma) == (0.0, 0.0, (1.0, 1.0))  # not in the card


def test_grid_png(train_split: Split, tmp_path) -> None:
    path = tmp_path / "grid.png"
    aug.save_grid(train_split.images, train_split.labels, path, variants=2)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert np.asarray(__import__("PIL.Image").Image.open(path)).shape[0] > 300


def test_slant_factor_scales_only_rotation_and_shear() -> None:
    """A per-sample slant of 0 draws the same scale, aspect and shift, with no turn or shear;
    1 is the plain draw, bit for bit."""
    params = aug.CNN_TRAIN
    upright = aug.AugmentParams(**{**aug.describe(params), "rotation_deg": 0.0, "shear_deg": 0.0})
    plain = aug.affine_theta(64, params, torch.Generator().manual_seed(3))
    ones = aug.affine_theta(64, params, torch.Generator().manual_seed(3), slant=torch.ones(64))
    zeros = aug.affine_theta(64, params, torch.Generator().manual_seed(3), slant=torch.zeros(64))
    none = aug.affine_theta(64, upright, torch.Generator().manual_seed(3))
    assert torch.equal(plain, ones)
    assert torch.allclose(zeros, none, atol=1e-6)
    assert not torch.allclose(plain, none, atol=1e-3)
    half = torch.tensor([1.0, 0.0]).repeat(32)
    mixed = aug.affine_theta(64, params, torch.Generator().manual_seed(3), slant=half)
    assert torch.equal(mixed[::2], plain[::2])
    assert torch.allclose(mixed[1::2], none[1::2], atol=1e-6)


def test_scaled_narrows_every_range_toward_identity() -> None:
    half = aug.scaled(aug.CNN_TRAIN, 0.5)
    assert (half.rotation_deg, half.shear_deg, half.translate_px) == pytest.approx((7.5, 6, 1.5))
    assert half.scale == pytest.approx((0.925, 1.075))
    assert half.thickness == pytest.approx((-0.4, 0.6))
    assert (half.p, half.elastic_px, half.aspect) == pytest.approx((0.4, 0.35, 0.05))
    assert half.gamma == pytest.approx((0.8**0.5, 1.25**0.5))
    assert aug.scaled(aug.CNN_TRAIN, 1.0) == aug.CNN_TRAIN
    none = aug.scaled(aug.CNN_TRAIN, 0.0)
    assert none.p == 0 and none.rotation_deg == 0 and none.scale == (1.0, 1.0)
